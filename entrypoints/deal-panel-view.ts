import { dealPanelView } from '@/components/deal-panel/view-mount';
import { VIEW_GLOBAL } from '@/components/deal-panel/view-handoff';

/**
 * The deal panel's view (Preact, texts, styles): not a registered content script but a file
 * the background injects into a deal page's tab when it first shows a deal (see
 * utils/background/features/page-scripts.ts), so that deal-page.js stays small. It runs in the
 * same isolated world as deal-page.js.
 */
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[VIEW_GLOBAL] = dealPanelView;
});
