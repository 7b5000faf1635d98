import { browser } from 'wxt/browser';
import { defineBackgroundFeature } from '../feature';
import { UserFacingError, type SenderInfo } from '../../messaging/router';
import { requireApi } from '../../connection/current';
import { catalog } from '../../api/catalog';
import { linkStore } from '../../db/links';
import { listSyncItems } from '../../sync/items/items';
import { onStatusChanged } from '../../badge/status-events';
import { loadDealOrder } from '../../orders/deal-order';
import { orderChoices } from '../../orders/order-choices';
import type { WebasystApi } from '../../api';

/** What the deal page's content script listens for (components/deal-panel/ports.ts). */
const DEAL_PAGE_CHANGED = { event: 'deal-page.changed' } as const;
/** Tabs showing a deal page, kept in session storage so a restarted worker still knows them. */
const TABS_KEY = 'dealbridge.dealPageTabs';
const PUSH_DEBOUNCE_MS = 1_000;

/**
 * The deal panel: `deal.order` answers with the linked order, read fresh, and
 * `deal.orderChoices` with the client's orders an unlinked deal may get. After
 * each sync cycle (or retry, or connection change) the deal pages are told to look again,
 * so a panel follows the order without polling Webasyst on its own.
 */
export default defineBackgroundFeature({
  name: 'deal-page',
  start({ router }) {
    router.on('deal.order', async ({ dealId }, sender) => {
      const api = await connectedApi(sender);
      if (sender.tabId !== null) void rememberTab(sender.tabId);
      return loadDealOrder(
        {
          api,
          links: linkStore,
          catalog,
          syncItems: (filter) => listSyncItems(filter, (id) => catalog.orderNumber(id)),
          now: Date.now,
        },
        dealId,
      );
    });

    router.on('deal.orderChoices', async ({ dealId }, sender) => {
      const api = await connectedApi(sender);
      return orderChoices(
        {
          api,
          orderStates: () => catalog.orderStates(),
          orderNumber: (id) => catalog.orderNumber(id),
        },
        dealId,
      );
    });

    let timer: ReturnType<typeof setTimeout> | undefined;
    onStatusChanged(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void pushChanged(), PUSH_DEBOUNCE_MS);
    });
    browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  },
});

async function connectedApi(sender: SenderInfo): Promise<WebasystApi> {
  const api = await requireApi();
  // Deal ids mean something only in their own installation: a content script left on
  // another origin (after connecting elsewhere) must not get this installation's orders.
  if (!sender.trusted && !(sender.url ?? '').startsWith(api.baseUrl)) {
    throw new UserFacingError(
      'other_installation',
      'This page belongs to a Webasyst that Dealbridge is not connected to.',
    );
  }
  return api;
}

async function readTabs(): Promise<number[]> {
  const stored = (await browser.storage.session.get(TABS_KEY))[TABS_KEY];
  return Array.isArray(stored) ? stored.filter((id): id is number => Number.isInteger(id)) : [];
}

async function rememberTab(tabId: number): Promise<void> {
  const tabs = await readTabs();
  if (!tabs.includes(tabId)) await browser.storage.session.set({ [TABS_KEY]: [...tabs, tabId].slice(-50) });
}

async function forgetTab(tabId: number): Promise<void> {
  const tabs = await readTabs();
  if (tabs.includes(tabId)) await browser.storage.session.set({ [TABS_KEY]: tabs.filter((id) => id !== tabId) });
}

async function pushChanged(): Promise<void> {
  for (const tabId of await readTabs()) {
    try {
      await browser.tabs.sendMessage(tabId, DEAL_PAGE_CHANGED);
    } catch (error) {
      // The tab moved on from Webasyst (no content script there any more): stop telling it.
      if (/receiving end|no tab/i.test(error instanceof Error ? error.message : String(error))) await forgetTab(tabId);
    }
  }
}
