import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/utils/api/errors';
import { crmDealSchema } from '@/utils/api/schemas/crm';
import { shopOrderSchema, shopSettingsSchema } from '@/utils/api/schemas/shop';
import { dealPageMessages } from '@/utils/messaging/messages/deal-page';
import { loadDealOrder, type DealOrderDeps } from '@/utils/orders/deal-order';
import type { SyncItem } from '@/utils/messaging/models';

const captures = resolve(__dirname, '../../../../shared/webasyst/captures');
const read = (name: string) => JSON.parse(readFileSync(resolve(captures, name), 'utf8'));

const linkedDeal = crmDealSchema.parse(read('crm.deal.info_6_linked_order1.json'));
const unlinkedDeal = crmDealSchema.parse(read('crm.deal.info_1.json'));
const order3 = shopOrderSchema.parse(read('shop.order.getInfo_3.json'));
const settings = shopSettingsSchema.parse(read('shop.settings.get.json'));
const replySchema = dealPageMessages['deal.order'].response;

const problem: SyncItem = {
  id: 'p1',
  status: 'problem',
  orderId: 1,
  orderNumber: '#1001',
  dealId: 6,
  dealName: 'Order #1001',
  effect: 'Run “Paid” on order #1001',
  reason: 'Deal moved to Paid',
  problem: 'The action needs a form.',
  since: 1,
  attempts: 3,
  orderUrl: null,
  dealUrl: null,
  runInShop: null,
  waitReason: null,
  nextTryAt: null,
  lastError: null,
};

function deps(overrides: Partial<{ deal: unknown; order: unknown }> = {}) {
  const links = { put: vi.fn(async () => {}), removeDeal: vi.fn(async () => {}) };
  const syncItems = vi.fn(async () => ({ pending: [], problems: [problem] }));
  const api = {
    baseUrl: 'http://127.0.0.1:8080/',
    crmDealInfo: vi.fn(async () => {
      if (overrides.deal instanceof Error) throw overrides.deal;
      return (overrides.deal ?? linkedDeal) as typeof linkedDeal;
    }),
    shopOrderGetInfo: vi.fn(async ({ id }: { id: number }) => {
      if (overrides.order instanceof Error) throw overrides.order;
      return { ...order3, id } as typeof order3;
    }),
  };
  const d: DealOrderDeps = {
    api: api as unknown as DealOrderDeps['api'],
    links,
    catalog: { orderStates: async () => settings.order_states, orderNumber: async (id) => `#100${id}` },
    syncItems,
    now: () => 1234,
  };
  return { d, api, links, syncItems };
}

describe('loadDealOrder', () => {
  it('reads the linked order of a deal (external_id shop:<id>) and caches the link', async () => {
    const { d, api, links, syncItems } = deps();
    const reply = await loadDealOrder(d, 6);
    expect(replySchema.safeParse(reply).success).toBe(true);
    expect(api.crmDealInfo).toHaveBeenCalledWith({ id: 6 });
    expect(api.shopOrderGetInfo).toHaveBeenCalledWith({ id: 1 });
    expect(links.put).toHaveBeenCalledWith({ orderId: 1, dealId: 6, confirmedAt: 1234 });
    expect(syncItems).toHaveBeenCalledWith({ orderId: 1, dealId: 6 });
    expect(reply.linked).toBe(true);
    expect(reply.order).toMatchObject({
      orderId: 1,
      number: '#1001',
      url: 'http://127.0.0.1:8080/webasyst/shop/?action=orders#/order/1/',
    });
    expect(reply.order?.state.name).toBe('Paid');
    expect(reply.problems).toEqual([problem]);
  });

  it('answers "not linked" (with the deal’s client, for "Link an order") for a deal without an order, and forgets a cached link of it', async () => {
    const { d, api, links } = deps({ deal: unlinkedDeal });
    expect(await loadDealOrder(d, 1)).toEqual({
      linked: false,
      customer: { id: 2, name: 'John Smith' },
      order: null,
      orderError: null,
      pending: [],
      problems: [],
    });
    expect(api.shopOrderGetInfo).not.toHaveBeenCalled();
    expect(links.removeDeal).toHaveBeenCalledWith(1);
    expect(links.put).not.toHaveBeenCalled();
  });

  it('a deal without a client has no customer to link an order for', async () => {
    const { d } = deps({ deal: { ...unlinkedDeal, contact_id: null, contacts: [] } });
    expect((await loadDealOrder(d, 1)).customer).toBeNull();
  });

  it('treats another external_id (not shop:<id>) as not linked', async () => {
    const { d } = deps({ deal: { ...linkedDeal, external_id: 'shop:abc' } });
    expect((await loadDealOrder(d, 6)).linked).toBe(false);
  });

  it('says the order is gone when Shop answers 404', async () => {
    const { d } = deps({
      order: new ApiError({ kind: 'not_found', method: 'shop.order.getInfo', status: 404, apiCode: 'invalid_param' }),
    });
    const reply = await loadDealOrder(d, 6);
    expect(reply).toMatchObject({
      linked: true,
      order: null,
      orderError: { code: 'order_not_found' },
      problems: [problem],
    });
    expect(replySchema.safeParse(reply).success).toBe(true);
  });

  it('says the user has no rights when Shop answers 403', async () => {
    const { d } = deps({
      order: new ApiError({ kind: 'permission', method: 'shop.order.getInfo', status: 403, apiCode: 'access_denied' }),
    });
    expect((await loadDealOrder(d, 6)).orderError?.code).toBe('no_rights');
  });

  it('lets a passing failure through, so the page keeps what it showed', async () => {
    const failure = new ApiError({ kind: 'network', method: 'shop.order.getInfo' });
    const { d } = deps({ order: failure });
    await expect(loadDealOrder(d, 6)).rejects.toBe(failure);
  });

  it('shows nothing for a deal CRM does not find, and forgets its link', async () => {
    const { d, links } = deps({ deal: new ApiError({ kind: 'not_found', method: 'crm.deal.info', status: 404 }) });
    expect((await loadDealOrder(d, 99)).linked).toBe(false);
    expect(links.removeDeal).toHaveBeenCalledWith(99);
  });

  it('does not hide a CRM permission problem as "not linked"', async () => {
    const { d } = deps({ deal: new ApiError({ kind: 'permission', method: 'crm.deal.info', status: 403 }) });
    await expect(loadDealOrder(d, 6)).rejects.toMatchObject({ kind: 'permission' });
  });
});
