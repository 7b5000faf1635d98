import type { DealPageDriver, DealPageTimings } from '@/utils/pages/crm/deal-page';
import { DealPanelController, type DealPanelPorts, type DealPanelTimings } from './controller';
import type { DealPanelViewModule } from './view-handoff';

export interface DealPanelStartPorts extends DealPanelPorts {
  /** The panel's view: injected by the background when the page first shows a deal (tests import it). */
  loadView(): Promise<DealPanelViewModule>;
}

/**
 * The deal page's panel: the driver reports the deal and keeps the host in the sidebar,
 * the controller decides what to show, and the view (loaded in parallel with the first
 * deal's order) renders it. The host stays hidden, so off the page, while there is nothing to show.
 */
export function startDealPanel(
  driver: DealPageDriver,
  host: HTMLElement,
  ports: DealPanelStartPorts,
  signal: AbortSignal,
  timings: DealPanelTimings & DealPageTimings = {},
): DealPanelController {
  host.setAttribute('data-dealbridge', 'deal-panel');
  host.hidden = true;
  const shadow = host.attachShadow({ mode: 'open' });
  const controller = new DealPanelController(ports, timings);
  let view: Promise<DealPanelViewModule> | null = null;
  let unmount: (() => void) | null = null;

  const follow = () => {
    const { dealId, view: shown } = controller.get();
    if (dealId !== null && !view) {
      view = ports.loadView();
      view.then(
        (module) => {
          if (!signal.aborted) unmount = module.mount(shadow, controller);
          follow();
        },
        // Without its view the panel cannot show anything: the page stays as Webasyst made it.
        () => undefined,
      );
    }
    host.hidden = shown.kind === 'hidden' || !unmount;
    driver.place();
  };
  const unsubscribe = controller.subscribe(follow);
  driver.start(
    host,
    {
      deal: (page) => {
        controller.show(page);
        follow();
      },
      stageChanged: (dealId) => controller.stageChanged(dealId),
      returned: () => controller.returned(),
    },
    timings,
  );
  signal.addEventListener('abort', () => {
    unsubscribe();
    controller.dispose();
    unmount?.();
    driver.stop();
  });
  return controller;
}
