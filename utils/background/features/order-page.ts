import { browser } from 'wxt/browser';
import { defineBackgroundFeature } from '../feature';
import { currentLanguage } from '../../i18n';
import { UserFacingError, type SenderInfo } from '../../messaging/router';
import { getApi, requireApi } from '../../connection/current';
import { catalog } from '../../api/catalog';
import { linkStore } from '../../db/links';
import { listSyncItems } from '../../sync/items/items';
import { loadSettings } from '../../settings/store';
import type { WebasystApi } from '../../api';
import type { SummaryCatalog } from '../../deals/summary';
import {
  checkLink,
  confirmLink,
  customerDeals,
  findLinkedDeal,
  isBindable,
  summarize,
  type OrderLinkDeps,
} from '../../deals/order-link';

/**
 * The order page's questions: which deal is this order's (order.context), what the picker
 * offers (order.pickerData), may it link now (order.checkLink), and did the link the page
 * made through the backend really land (order.linked). All answers come from fresh reads of
 * Webasyst through the user's token; the link cache only speeds the lookup up.
 */
export default defineBackgroundFeature({
  name: 'order-page',
  start({ router }) {
    router.on('order.context', async ({ orderId, customerId, hintDealId }, sender) => {
      const api = await getApi();
      if (!api || !fromInstallation(sender, api)) {
        return { connected: false, deal: null, pending: [], problems: [] };
      }
      const deps = depsFor(api);
      const deal = await findLinkedDeal(deps, { orderId, customerId, hintDealId });
      const items = await listSyncItems(deal ? { orderId, dealId: deal.id } : { orderId }, (id) =>
        catalog.orderNumber(id),
      );
      return { connected: true, deal: deal ? await summarize(deps, deal) : null, ...items };
    });

    router.on('order.pickerData', async ({ orderId, customerId }, sender) => {
      const deps = depsFor(await connectedApi(sender));
      const [deals, funnels, users, me, settings, orderNumber] = await Promise.all([
        customerDeals(deps, customerId),
        catalog.funnels(),
        catalog.users(),
        catalog.me(),
        loadSettings(),
        catalog.orderNumber(orderId),
      ]);
      const summaries = await Promise.all(deals.filter(isBindable).map((deal) => summarize(deps, deal)));
      // Defaults from the settings, kept only while that funnel and stage still exist.
      const funnel = funnels.find((f) => f.id === settings.newDeal.funnelId) ?? null;
      const stage = funnel?.stages.find((s) => s.id === settings.newDeal.stageId) ?? null;
      return {
        deals: summaries,
        funnels: funnels.map((f) => ({
          id: f.id,
          name: f.name,
          color: f.color,
          isArchived: f.is_archived,
          stages: f.stages.map((s) => ({ id: s.id, name: s.name, color: s.color })),
        })),
        users: users.map((u) => ({ id: u.id, name: u.name })),
        me: { id: me.id, name: me.name },
        defaults: { funnelId: funnel?.id ?? null, stageId: stage?.id ?? null },
        // Webasyst's create endpoint names the deal "<Order> <number>" in the backend's language.
        newDealName: `${currentLanguage() === 'ru' ? 'Заказ' : 'Order'} ${orderNumber}`,
        orderNumber,
      };
    });

    router.on('options.open', async () => {
      await browser.runtime.openOptionsPage();
      return { opened: true };
    });

    router.on('order.checkLink', async (request, sender) => {
      const deps = depsFor(await connectedApi(sender));
      const verdict = await checkLink(deps, request);
      if (verdict.ok) return { ok: true, reason: null, linkedDeal: null };
      return {
        ok: false,
        reason: verdict.reason,
        linkedDeal: verdict.linkedDeal ? await summarize(deps, verdict.linkedDeal) : null,
      };
    });

    router.on('order.linked', async ({ orderId, dealId }, sender) => {
      const deps = depsFor(await connectedApi(sender));
      const deal = await confirmLink(deps, orderId, dealId);
      if (!deal) {
        throw new UserFacingError(
          'link_not_confirmed',
          `Webasyst answered, but deal ${dealId} is not linked to this order. Reload the page to see the current state.`,
        );
      }
      return summarize(deps, deal);
    });
  },
});

function depsFor(api: WebasystApi): OrderLinkDeps {
  return { api, links: linkStore, catalog: summaryCatalog };
}

async function summaryCatalog(): Promise<SummaryCatalog> {
  const [funnels, users] = await Promise.all([catalog.funnels(), catalog.users()]);
  return { funnels, users };
}

async function connectedApi(sender: SenderInfo): Promise<WebasystApi> {
  const api = await requireApi();
  if (!fromInstallation(sender, api)) {
    throw new UserFacingError(
      'other_installation',
      'This page belongs to a Webasyst that Dealbridge is not connected to.',
    );
  }
  return api;
}

/**
 * Order ids mean something only in their own installation: a content script left on another
 * origin (after connecting elsewhere) must not get this installation's deals.
 */
function fromInstallation(sender: SenderInfo, api: WebasystApi): boolean {
  if (sender.trusted) return true;
  return !!sender.url?.startsWith(api.baseUrl);
}
