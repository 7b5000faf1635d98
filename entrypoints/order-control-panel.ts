import { panelModule } from '@/components/order-control/panel-mount';
import { PANEL_GLOBAL } from '@/components/order-control/panel-handoff';

/**
 * The order control's panel (picker, new-deal form, linked deal details, sync items): not a
 * registered content script but a file the background injects into an order page's tab on
 * the control's first open (see utils/background/features/injected-scripts.ts), so that
 * order-page.js stays small. It runs in the same isolated world as order-page.js.
 */
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[PANEL_GLOBAL] = panelModule;
});
