import { browser } from 'wxt/browser';
import { defineBackgroundFeature } from '../feature';
import {
  connect,
  disconnect,
  onOriginsRemoved,
  openCodeConsent,
  recheck,
  restorePageScripts,
} from '../../connection/connect';
import { getConnectionView } from '../../connection/current';

/**
 * Test builds open Webasyst's consent page in a normal tab: a headless browser cannot
 * drive launchWebAuthFlow's window. Store builds use launchWebAuthFlow and fall back to
 * the tab where it fails.
 */
const PREFER_TAB_CONSENT = import.meta.env.MODE === 'test';

export default defineBackgroundFeature({
  name: 'connection',
  start({ router }) {
    router.on('connection.get', () => getConnectionView());
    router.on('connection.authorize', ({ url }, sender) =>
      connect(url, { via: 'consent', preferTab: PREFER_TAB_CONSENT, openerTabId: sender.tabId }),
    );
    router.on('connection.openCodePage', async ({ url }) => ({ baseUrl: await openCodeConsent(url) }));
    router.on('connection.exchangeCode', ({ url, code }) => connect(url, { via: 'code', code }));
    router.on('connection.useToken', ({ url, token }) => connect(url, { via: 'token', token }));
    router.on('connection.check', () => recheck());
    router.on('connection.disconnect', () => disconnect());

    browser.permissions.onRemoved.addListener((removed) => {
      void onOriginsRemoved(removed.origins ?? []);
    });
    // Registrations persist, but the browser may have dropped them (an update, a cleared profile).
    void restorePageScripts();
  },
});
