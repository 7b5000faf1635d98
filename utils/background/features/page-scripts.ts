import { browser } from 'wxt/browser';
import { defineBackgroundFeature } from '../feature';
import { UserFacingError, type SenderInfo } from '../../messaging/router';

/** Built from entrypoints/order-control-panel.ts: the order control's panel. */
export const ORDER_PANEL_SCRIPT = '/order-control-panel.js' as const;
/** Built from entrypoints/deal-panel-view.ts: the deal panel's view. */
export const DEAL_PANEL_VIEW_SCRIPT = '/deal-panel-view.js' as const;

/**
 * The parts of the page scripts that not every page view needs come as second scripts,
 * injected on demand, so that the content scripts every order and deal page loads stay
 * small. Each goes into the asking tab's top frame (the only frame the page scripts run
 * in), in the extension's isolated world, where the content script picks it up. Nothing
 * becomes web-accessible.
 */
async function inject(
  sender: SenderInfo,
  file: typeof ORDER_PANEL_SCRIPT | typeof DEAL_PANEL_VIEW_SCRIPT,
): Promise<{ loaded: true }> {
  if (sender.tabId === null) throw new UserFacingError('bad_request', 'Only a page can load this script.');
  await browser.scripting.executeScript({ target: { tabId: sender.tabId }, files: [file] });
  return { loaded: true };
}

export default defineBackgroundFeature({
  name: 'page-scripts',
  start({ router }) {
    router.on('order.loadPanel', (_payload, sender) => inject(sender, ORDER_PANEL_SCRIPT));
    router.on('deal.loadView', (_payload, sender) => inject(sender, DEAL_PANEL_VIEW_SCRIPT));
  },
});
