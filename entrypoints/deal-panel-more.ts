import { createDealPanelMore } from '@/components/deal-panel/more-mount';
import { MORE_GLOBAL } from '@/components/deal-panel/more-handoff';
import { linkThroughBackend } from '@/utils/pages/shop/backend-link';
import { send } from '@/utils/messaging/content-client';

/**
 * The deal panel's rarely shown parts (failures, sync items, the order picker): not a
 * registered content script but a file the background injects into a deal page's tab the
 * first time the panel needs one of them (utils/background/features/injected-scripts.ts), so
 * that deal-page.js stays small. It runs in the same isolated world as deal-page.js.
 * Linking uses the page's own session: the CRM page is the same installation's backend as
 * Webasyst's endpoint.
 */
export default defineUnlistedScript(() => {
  const pageFetch = (globalThis as { content?: { fetch?: typeof fetch } }).content?.fetch ?? fetch;
  (globalThis as Record<string, unknown>)[MORE_GLOBAL] = createDealPanelMore(() => ({
    request: send,
    link: (orderId, request) =>
      linkThroughBackend(
        { location: window.location, cookie: () => document.cookie, fetch: pageFetch.bind(globalThis) },
        orderId,
        request,
      ),
  }));
});
