import { createOrderPageDriver } from '@/utils/pages/shop/detect';
import { mountOrderControl } from '@/components/order-control/mount';
import { send } from '@/utils/messaging/content-client';
import { loadInjectedPanel } from '@/components/order-control/panel-loader';
import { openOnArrival, takeRunMarker } from '@/utils/pages/shop/run-marker';
import { keepBuiltinLinkTrue } from '@/components/order-control/builtin-link';

/**
 * The Shop-Script order page: registered at run time for the connected installation's
 * Shop backend path, top frame only. Kept small: no zod here (see utils/messaging/content-client.ts).
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  main(ctx) {
    // CRM's Order tab embeds Shop's order view in an iframe: never run there.
    if (window.top !== window) return;
    const driver = createOrderPageDriver(document);
    if (!driver) return;
    const host = document.createElement('div');
    const pageFetch = (globalThis as { content?: { fetch?: typeof fetch } }).content?.fetch ?? fetch;
    const { controller, unmount } = mountOrderControl(host, {
      request: send,
      loadPanel: loadInjectedPanel,
      // The backend client comes with the panel's script, where linking starts.
      link: async (orderId, link) =>
        (await loadInjectedPanel()).link(
          { location: window.location, cookie: () => document.cookie, fetch: pageFetch.bind(globalThis) },
          orderId,
          link,
        ),
      openActionForm: (orderId, actionId) => driver.openActionForm(orderId, actionId),
      navigate: (url) => window.location.assign(url),
    });
    const stopLinkUpdates = keepBuiltinLinkTrue(controller, driver, loadInjectedPanel);
    driver.start(host, {
      // A problem's "Run “Paid” on order #1007" brought the person here: open that form once.
      order: openOnArrival(
        takeRunMarker(window),
        (orderId, actionId) => driver.openActionForm(orderId, actionId),
        (view) => controller.show(view),
      ),
      actionCompleted: (orderId) => controller.actionCompleted(orderId),
    });
    ctx.onInvalidated(() => {
      stopLinkUpdates();
      driver.stop();
      unmount();
    });
  },
});
