import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { crmDealListSchema, crmDealSchema } from '@/utils/api/schemas/crm';
import { shopOrderSearchSchema, shopSettingsSchema } from '@/utils/api/schemas/shop';
import { dealPageMessages } from '@/utils/messaging/messages/deal-page';
import { orderChoices, type OrderChoicesDeps } from '@/utils/orders/order-choices';

const captures = resolve(__dirname, '../../../../shared/webasyst/captures');
const read = (name: string) => JSON.parse(readFileSync(resolve(captures, name), 'utf8'));
const deal1 = crmDealSchema.parse(read('crm.deal.info_1.json'));
const search = shopOrderSearchSchema.parse(read('shop.order.search.json'));
const dealList = crmDealListSchema.parse(read('crm.deal.list.json'));
const settings = shopSettingsSchema.parse(read('shop.settings.get.json'));
const replySchema = dealPageMessages['deal.orderChoices'].response;

/** Real captured replies: deal 1 is John Smith's (contact 2), whose orders are 1 and 5; deal 6 carries order 1. */
function deps(deal = deal1) {
  const api = {
    baseUrl: 'http://127.0.0.1:8080/',
    crmDealInfo: vi.fn(async () => deal),
    crmDealList: vi.fn(async () => ({
      ...dealList,
      data: [...dealList.data, { ...dealList.data[0], id: 6, external_id: 'shop:1' }],
    })),
    shopOrderSearch: vi.fn(async ({ hash }: { hash?: string }) => {
      const contact = Number(/contact_id=(\d+)/.exec(hash ?? '')?.[1]);
      return { ...search, orders: search.orders.filter((o) => o.contact_id === contact) };
    }),
    shopOrderGetInfo: vi.fn(),
  };
  const d: OrderChoicesDeps = {
    api: api as unknown as OrderChoicesDeps['api'],
    orderStates: async () => settings.order_states,
    orderNumber: async (id) => `#100${id}`,
  };
  return { d, api };
}

describe('deal.orderChoices', () => {
  it('lists the client’s orders that no deal carries, as Shop-Script returns them (newest first), with what the picker shows', async () => {
    const { d, api } = deps();
    const reply = await orderChoices(d, 1);
    expect(replySchema.safeParse(reply).success).toBe(true);
    expect(api.shopOrderSearch).toHaveBeenCalledWith({
      hash: 'search/contact_id=2',
      sort: 'create_datetime DESC',
      limit: 200,
    });
    expect(reply.orders.map((o) => o.orderId)).toEqual([5]);
    expect(reply.orders[0]).toMatchObject({
      number: '#1005',
      state: { id: 'completed', name: 'Completed' },
      currency: 'USD',
    });
    expect(reply.orders[0].itemsCount).toBeGreaterThan(0);
    expect(reply.customer).toEqual({ id: 2, name: 'John Smith' });
    expect(reply.deal).toEqual({ id: 1, name: deal1.name, funnelId: deal1.funnel_id, stageId: deal1.stage_id });
    expect(reply.newOrderUrl).toBe('http://127.0.0.1:8080/webasyst/shop/?action=orders#/orders/new/customer_id=2');
  });

  it('a deal without a client: no orders to read, and no New order link', async () => {
    const { d, api } = deps({ ...deal1, contact_id: null, contacts: [] });
    const reply = await orderChoices(d, 1);
    expect(reply).toMatchObject({ customer: null, orders: [], newOrderUrl: null });
    expect(api.shopOrderSearch).not.toHaveBeenCalled();
  });

  it('a deal that got an order meanwhile says which, and lists nothing', async () => {
    const { d, api } = deps({ ...deal1, external_id: 'shop:5' });
    expect(await orderChoices(d, 1)).toMatchObject({ linkedOrderId: 5, orders: [] });
    expect(api.shopOrderSearch).not.toHaveBeenCalled();
  });
});
