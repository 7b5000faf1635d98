import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { crmDealListSchema, crmDealSchema, crmFunnelListSchema, crmUserListSchema } from '@/utils/api/schemas/crm';
import { ApiError } from '@/utils/api/errors';
import type { Link, LinkStore } from '@/utils/links/types';
import {
  checkLink,
  confirmLink,
  customerDeals,
  findLinkedDeal,
  isBindable,
  summarize,
  type OrderLinkDeps,
} from '@/utils/deals/order-link';

const captures = resolve(process.cwd(), '../shared/webasyst/captures');
const read = (name: string) => JSON.parse(readFileSync(resolve(captures, name), 'utf8'));

const deal6 = crmDealSchema.parse(read('crm.deal.info_6_linked_order1.json')); // external_id shop:1, customer 2
const deal1 = crmDealSchema.parse(read('crm.deal.info_1.json'));
const listReply = crmDealListSchema.parse(read('crm.deal.list.json'));
const funnels = crmFunnelListSchema.parse(read('crm.funnel.list.json'));
const users = crmUserListSchema.parse(read('crm.user.list.json'));

class MemoryLinks implements LinkStore {
  rows = new Map<number, Link>();
  async byOrder(orderId: number) {
    return this.rows.get(orderId) ?? null;
  }
  async byDeal(dealId: number) {
    return [...this.rows.values()].find((l) => l.dealId === dealId) ?? null;
  }
  async put(link: Link) {
    this.rows.set(link.orderId, link);
  }
  async remove(orderId: number) {
    this.rows.delete(orderId);
  }
  async all() {
    return [...this.rows.values()];
  }
  async clear() {
    this.rows.clear();
  }
}

/** A fake API over a set of deals (crm.deal.info reads them; crm.deal.list lists a customer's). */
function setup(deals: Array<typeof deal6>, orderCustomer: Record<number, number | null> = {}) {
  const byId = new Map(deals.map((d) => [d.id, d]));
  const listItem = (d: typeof deal6) => ({
    ...listReply.data[0],
    ...d,
    original_amount: d.amount,
    original_currency_id: d.currency_id,
    shop_order: null,
    contact: { id: d.contact_id ?? 0, name: 'Client', userpic: null },
    user: null,
    funnel: null,
    stage: null,
  });
  const api = {
    baseUrl: 'http://shop.test/',
    crmDealInfo: vi.fn(async ({ id }: { id: number }) => {
      const deal = byId.get(id);
      if (!deal) throw new ApiError({ kind: 'not_found', method: 'crm.deal.info', status: 404 });
      return deal;
    }),
    crmDealList: vi.fn(
      async ({ contact_id, offset = 0, limit = 30 }: { contact_id?: number; offset?: number; limit?: number }) => {
        const all = deals
          .filter((d) => d.contact_id === contact_id || d.contacts.some((c) => c.contact.id === contact_id))
          .map(listItem);
        return { params: { total_count: all.length, offset, limit }, data: all.slice(offset, offset + limit) };
      },
    ),
    shopOrderGetInfo: vi.fn(async ({ id }: { id: number }) => ({ contact_id: orderCustomer[id] ?? null })),
  };
  const links = new MemoryLinks();
  const deps = {
    api: api as unknown as OrderLinkDeps['api'],
    links,
    catalog: async () => ({ funnels, users }),
    now: () => 1234,
  } satisfies OrderLinkDeps;
  return { api, links, deps };
}

const openUnlinked = (patch: Partial<typeof deal6>) => ({
  ...deal1,
  external_id: null,
  status_id: 'OPEN' as const,
  ...patch,
});

describe('findLinkedDeal', () => {
  it('confirms the page’s hint with one read and caches the link', async () => {
    const { api, links, deps } = setup([deal6]);
    const found = await findLinkedDeal(deps, { orderId: 1, customerId: 2, hintDealId: 6 });
    expect(found?.id).toBe(6);
    expect(api.crmDealList).not.toHaveBeenCalled();
    expect(await links.byOrder(1)).toEqual({ orderId: 1, dealId: 6, confirmedAt: 1234 });
  });

  it('forgets a stale cached link and finds the deal among the customer’s deals', async () => {
    const { api, links, deps } = setup([deal6, openUnlinked({ id: 1, contact_id: 2 })]);
    await links.put({ orderId: 1, dealId: 1, confirmedAt: 1 });
    const found = await findLinkedDeal(deps, { orderId: 1, customerId: 2 });
    expect(found?.id).toBe(6);
    expect(api.crmDealList).toHaveBeenCalledWith(expect.objectContaining({ contact_id: 2, fields: ['user'] }));
    expect((await links.byOrder(1))?.dealId).toBe(6);
  });

  it('does not take a hinted deal that carries another order', async () => {
    const { links, deps } = setup([deal6]);
    expect(await findLinkedDeal(deps, { orderId: 3, customerId: 4, hintDealId: 6 })).toBeNull();
    expect(await links.byOrder(3)).toBeNull();
  });

  it('asks the order for its customer when the page had none, and answers null for an order without one', async () => {
    const { api, deps } = setup([deal6], { 1: 2, 9: null });
    expect((await findLinkedDeal(deps, { orderId: 1 }))?.id).toBe(6);
    expect(api.shopOrderGetInfo).toHaveBeenCalledWith({ id: 1 });
    expect(await findLinkedDeal(deps, { orderId: 9 })).toBeNull();
  });

  it('pages through a customer with many deals', async () => {
    const many = Array.from({ length: 501 }, (_, i) => openUnlinked({ id: 100 + i, contact_id: 2 }));
    const { api, deps } = setup(many);
    expect(await customerDeals(deps, 2)).toHaveLength(501);
    expect(api.crmDealList).toHaveBeenCalledTimes(2);
  });
});

describe('checkLink (fresh, before the endpoint that checks nothing)', () => {
  const cases: Array<[string, Parameters<typeof checkLink>[1], Array<typeof deal6>, string | null]> = [
    ['no customer', { orderId: 3, customerId: null, dealId: 7 }, [], 'no_customer'],
    ['order linked meanwhile', { orderId: 1, customerId: 2, dealId: 1 }, [deal6], 'order_already_linked'],
    ['deal gone', { orderId: 3, customerId: 4, dealId: 77 }, [], 'deal_not_found'],
    [
      'deal linked elsewhere',
      { orderId: 3, customerId: 4, dealId: 7 },
      [openUnlinked({ id: 7, contact_id: 4, external_id: 'shop:5' })],
      'deal_linked_elsewhere',
    ],
    [
      'deal closed',
      { orderId: 3, customerId: 4, dealId: 7 },
      [openUnlinked({ id: 7, contact_id: 4, status_id: 'WON' })],
      'deal_closed',
    ],
    [
      'another customer’s deal',
      { orderId: 3, customerId: 4, dealId: 7 },
      [openUnlinked({ id: 7, contact_id: 5 })],
      'deal_other_customer',
    ],
    ['bindable', { orderId: 3, customerId: 4, dealId: 7 }, [openUnlinked({ id: 7, contact_id: 4 })], null],
    ['new deal', { orderId: 3, customerId: 4, dealId: null }, [], null],
  ];
  it.each(cases)('%s', async (_name, request, deals, reason) => {
    const { deps } = setup(deals);
    const verdict = await checkLink(deps, request);
    expect(verdict.ok ? null : verdict.reason).toBe(reason);
    if (reason === 'order_already_linked' && !verdict.ok) expect(verdict.linkedDeal?.id).toBe(6);
  });

  it('accepts a deal where the customer is a client participant', async () => {
    const shared = openUnlinked({
      id: 7,
      contact_id: 9,
      contacts: [{ label: null, contact: { id: 4, name: 'Peter Novak', userpic: null } }],
    });
    const { deps } = setup([shared]);
    expect((await checkLink(deps, { orderId: 3, customerId: 4, dealId: 7 })).ok).toBe(true);
  });

  it('passes other API failures on (the UI words them)', async () => {
    const { api, deps } = setup([]);
    api.crmDealList.mockRejectedValue(new ApiError({ kind: 'network', method: 'crm.deal.list' }));
    await expect(checkLink(deps, { orderId: 3, customerId: 4, dealId: 7 })).rejects.toMatchObject({ kind: 'network' });
  });
});

describe('confirmLink and summaries', () => {
  it('caches a confirmed link and summarises the deal', async () => {
    const { links, deps } = setup([deal6]);
    const deal = await confirmLink(deps, 1, 6);
    expect(deal?.id).toBe(6);
    expect((await links.byOrder(1))?.dealId).toBe(6);
    expect(await summarize(deps, deal!)).toMatchObject({
      id: 6,
      funnelName: 'Sales',
      ownerName: 'Admin Tester',
      url: 'http://shop.test/webasyst/crm/deal/6/',
    });
  });

  it('refuses a deal that does not carry the order, and caches nothing', async () => {
    const { links, deps } = setup([deal6]);
    expect(await confirmLink(deps, 2, 6)).toBeNull();
    expect(await links.all()).toEqual([]);
  });

  it('offers only open deals without an order', () => {
    expect(isBindable(openUnlinked({}))).toBe(true);
    expect(isBindable(deal6)).toBe(false);
    expect(isBindable(openUnlinked({ status_id: 'LOST' }))).toBe(false);
  });
});
