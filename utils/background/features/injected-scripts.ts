import { browser } from 'wxt/browser';
import { defineBackgroundFeature } from '../feature';
import { UserFacingError, type SenderInfo } from '../../messaging/router';

/** Built from entrypoints/order-control-panel.ts. */
export const ORDER_PANEL_SCRIPT = '/order-control-panel.js' as const;
/** Built from entrypoints/deal-panel-more.ts. */
export const DEAL_PANEL_MORE_SCRIPT = '/deal-panel-more.js' as const;

/**
 * The order control's panel and the deal panel's rarely shown parts are second scripts,
 * injected on first need, so that the content scripts every page loads stay small. Each
 * goes into the asking tab's top frame (the only frame the content scripts run in), in the
 * extension's isolated world, where the content script picks it up. Nothing becomes
 * web-accessible.
 */
export default defineBackgroundFeature({
  name: 'injected-scripts',
  start({ router }) {
    router.on('order.loadPanel', (_payload, sender) => inject(sender, ORDER_PANEL_SCRIPT));
    router.on('deal.loadMore', (_payload, sender) => inject(sender, DEAL_PANEL_MORE_SCRIPT));
  },
});

async function inject(
  sender: SenderInfo,
  file: typeof ORDER_PANEL_SCRIPT | typeof DEAL_PANEL_MORE_SCRIPT,
): Promise<{ loaded: true }> {
  if (sender.tabId === null) throw new UserFacingError('bad_request', 'Only a page can load Dealbridge’s scripts.');
  await browser.scripting.executeScript({ target: { tabId: sender.tabId }, files: [file] });
  return { loaded: true };
}
