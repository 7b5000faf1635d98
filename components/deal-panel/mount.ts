import type { DealPageDriver } from '@/utils/pages/crm/deal-page';
import { el } from '@/utils/dom/el';
import { DealPanelController, type DealPanelState, type PanelPorts, type PanelTimings } from './controller';
import { needsMore } from './more-handoff';
import { orderBody } from './order-body';
import { t } from './i18n';
import css from './styles.css?inline';

export interface DealPanelHandle {
  controller: DealPanelController;
}

/**
 * The deal panel on the deal page: the driver keeps the host in the sidebar of the deal
 * shown and pushes what the page does; the controller holds what to show; this draws it in
 * the host's shadow root (CRM's styles cannot reach it, ours cannot leak) and hides the
 * host while there is nothing to show. What every linked deal shows (the order) is drawn
 * here; the rest comes with the panel's second script, loaded the first time it is needed.
 */
export function startDealPanel(
  driver: DealPageDriver,
  ports: PanelPorts,
  signal: AbortSignal,
  timings: PanelTimings = {},
): DealPanelHandle {
  const host = el('div', { 'data-dealbridge': 'deal-panel', hidden: true });
  const shadow = host.attachShadow({ mode: 'open' });
  const main = el('div', null);
  const slot = el('div', null);
  shadow.append(el('style', null, css), el('section', { class: 'panel' }, main, slot));
  const controller = new DealPanelController(ports, timings);

  let shownKey = '';
  // Kept per order across refreshes, so a new read does not fold a list the person opened.
  let expanded = { orderId: 0, value: false };
  let more: 'idle' | 'loading' | 'failed' | { unmount(): void } = 'idle';
  const loadMore = () => {
    more = 'loading';
    ports.loadMore().then(
      (module) => {
        if (!signal.aborted) more = { unmount: module.mount(slot, controller) };
      },
      () => {
        more = 'failed';
        paint(controller.get());
      },
    );
  };

  const paint = (state: DealPanelState) => {
    const { view } = state;
    host.hidden = view.kind === 'hidden';
    if (more === 'idle' && needsMore(state)) loadMore();
    const order = view.kind === 'ready' ? view.data.order : null;
    const offer = view.kind === 'unlinked' && state.link.status === 'closed';
    const key = JSON.stringify([view.kind, order, offer, more === 'failed' && needsMore(state)]);
    if (key === shownKey) return;
    shownKey = key;
    if (order && expanded.orderId !== order.orderId) expanded = { orderId: order.orderId, value: false };
    main.replaceChildren(
      el('div', { class: 'heading' }, t('title')),
      view.kind === 'loading' ? el('div', { class: 'muted', 'data-dealbridge': 'order-loading' }, t('loading')) : '',
      ...(order ? orderBody(order, expanded) : []),
      offer
        ? el(
            'button',
            {
              type: 'button',
              class: 'link link-order',
              'data-dealbridge': 'link-order',
              onClick: () => controller.openPicker(true),
            },
            t('linkOrder'),
          )
        : '',
      // The second script could not be injected (the extension was updated): say what helps.
      more === 'failed' && needsMore(state) ? el('div', { class: 'error', role: 'alert' }, t('reloadPage')) : '',
    );
  };
  const unsubscribe = controller.subscribe(paint);
  driver.start(host, {
    deal: (view) => controller.show(view),
    stageChanged: (dealId) => controller.stageChanged(dealId),
    revisit: () => controller.revisit(),
  });
  signal.addEventListener('abort', () => {
    driver.stop();
    controller.dispose();
    unsubscribe();
    if (typeof more === 'object') more.unmount();
  });
  return { controller };
}
