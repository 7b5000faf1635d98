// The plan: which existing orders get a deal, which link to one the customer already has, which
// are passed over — read-only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planBackfill } from '../../../utils/backfill/plan';
import { decide, type DealIndex } from '../../../utils/backfill/model';
import { ADMIN_ID, ALL_DATES, backfillFixture, type BackfillFixture } from './backfill-fixture';

const order = (over: Partial<Parameters<typeof decide>[0]> = {}) => ({
  id: 8,
  number: '#1008',
  contactId: 5,
  customer: 'Chen',
  total: 300,
  storefront: '',
  stateId: 'new',
  ...over,
});
const index = (
  deals: Array<{ id: number; name: string; amount: number | null }>,
  linked: number[] = [],
): DealIndex => ({
  linkedOrders: new Set(linked),
  openUnlinked: new Map([[5, deals]]),
});

describe('deciding one order', () => {
  it('links to the one open unlinked deal whose name holds the order number or whose amount is the total', () => {
    expect(decide(order(), index([{ id: 3, name: 'Chairs for #1008', amount: null }]), true)).toEqual({
      action: 'link',
      deal: { id: 3, name: 'Chairs for #1008' },
    });
    expect(decide(order(), index([{ id: 3, name: 'Chairs 1008', amount: 1 }]), true)).toMatchObject({ action: 'link' });
    expect(decide(order(), index([{ id: 4, name: 'Chairs', amount: 300 }]), true)).toMatchObject({
      action: 'link',
      deal: { id: 4 },
    });
  });
  it('creates when no deal fits or several do; 10080 is not 1008', () => {
    expect(decide(order(), index([{ id: 3, name: 'Chairs 10080', amount: 5 }]), true)).toEqual({ action: 'create' });
    expect(
      decide(
        order(),
        index([
          { id: 3, name: '#1008', amount: null },
          { id: 4, name: 'x', amount: 300 },
        ]),
        true,
      ),
    ).toEqual({ action: 'create' });
  });
  it('skips orders already linked, without a customer, or with nowhere to create', () => {
    expect(decide(order(), index([], [8]), true)).toEqual({ action: 'skip', reason: 'linked' });
    expect(decide(order({ contactId: null }), index([]), true)).toEqual({ action: 'skip', reason: 'no_customer' });
    expect(decide(order(), index([]), false)).toEqual({ action: 'skip', reason: 'no_funnel' });
  });
});

describe('the plan against the simulator', () => {
  let b: BackfillFixture;
  beforeEach(async () => {
    b = await backfillFixture();
  });
  afterEach(() => b.fx.close());

  it('counts and lists what would happen, changing nothing', async () => {
    const { sim } = b.fx;
    const eight = sim.state.getOrder(8)!;
    sim.state.addDeal(
      { name: `Chairs <b>${'#1008'}</b>`, stageId: 1, contactId: eight.contactId!, amount: null },
      ADMIN_ID,
    );
    sim.log.clear();
    const plan = await planBackfill(b.ports, b.fx.settings, ALL_DATES, { rows: 100, now: Date.now() });
    // Completed (5) and deleted (6) orders are left out by default.
    const ids = plan.rows.map((r) => r.orderId);
    expect(ids).not.toContain(5);
    expect(ids).not.toContain(6);
    expect(ids).toEqual([...ids].sort((a, c) => a - c));
    expect(plan.total).toBe(plan.rows.length);
    expect(plan.link + plan.create + plan.skip).toBe(plan.total);
    expect(plan.rows.find((r) => r.orderId === 1)).toMatchObject({ action: 'skip', reason: 'linked' });
    expect(plan.rows.find((r) => r.orderId === 8)).toMatchObject({
      action: 'link',
      orderNumber: '#1008',
      dealName: 'Chairs <b>#1008</b>',
    });
    expect(plan.rows.find((r) => r.orderId === 8)!.customer).not.toBe('');
    expect(sim.log.effects()).toEqual([]);
  });

  it('keeps only the first rows, filters by state, date and storefront', async () => {
    const few = await planBackfill(b.ports, b.fx.settings, ALL_DATES, { rows: 2, now: Date.now() });
    expect(few.rows).toHaveLength(2);
    expect(few.total).toBeGreaterThan(2);
    const onlyNew = await planBackfill(
      b.ports,
      b.fx.settings,
      { ...ALL_DATES, states: ['new'] },
      { rows: 100, now: Date.now() },
    );
    expect(onlyNew.rows.every((r) => b.fx.sim.state.getOrder(r.orderId)!.stateId === 'new')).toBe(true);
    const manual = await planBackfill(
      b.ports,
      b.fx.settings,
      { ...ALL_DATES, storefronts: [''] },
      { rows: 100, now: Date.now() },
    );
    expect(manual.rows.map((r) => b.fx.sim.state.getOrder(r.orderId)!.params.storefront)).toEqual(
      manual.rows.map(() => ''),
    );
    // The default period is the last 90 days: a future "from" finds nothing.
    const none = await planBackfill(
      b.ports,
      b.fx.settings,
      { ...ALL_DATES, from: '2999-01-01' },
      { rows: 100, now: Date.now() },
    );
    expect(none.total).toBe(0);
  });
});
