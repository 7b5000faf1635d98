import { browser } from 'wxt/browser';
import { defineBackgroundFeature } from '../feature';
import { UserFacingError } from '../../messaging/router';

/** Built from entrypoints/order-control-panel.ts. */
export const ORDER_PANEL_SCRIPT = '/order-control-panel.js';

/**
 * The order control's panel is a second script, injected on the control's first open, so
 * that the content script every order page loads stays small. It goes into the asking
 * tab's top frame (the only frame the order page's content script runs in), in the
 * extension's isolated world, where the content script picks it up. Nothing becomes
 * web-accessible.
 */
export default defineBackgroundFeature({
  name: 'order-panel',
  start({ router }) {
    router.on('order.loadPanel', async (_payload, sender) => {
      if (sender.tabId === null) throw new UserFacingError('bad_request', 'Only a page can load the order panel.');
      await browser.scripting.executeScript({ target: { tabId: sender.tabId }, files: [ORDER_PANEL_SCRIPT] });
      return { loaded: true };
    });
  },
});
