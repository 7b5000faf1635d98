// The run: resumable from its cursor, one deal per order whatever happens (a stopped worker, a
// lost reply, a second runner), results kept for the CSV, a summary in the activity log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planBackfill } from '../../../utils/backfill/plan';
import { runBackfill, setBackfillStatus, startBackfill } from '../../../utils/backfill/run';
import { backfillStore } from '../../../utils/db/backfill';
import { linkStore } from '../../../utils/db/links';
import { closeSyncDb } from '../../../utils/db/database';
import { BackendError } from '../../../utils/backend/errors';
import { ADMIN_ID, ALL_DATES, backfillFixture, memoryStore, type BackfillFixture } from './backfill-fixture';

describe('the backfill run', () => {
  let b: BackfillFixture;
  beforeEach(async () => {
    b = await backfillFixture();
    // Twelve more unlinked orders of the customers, so that a run takes several steps.
    for (let i = 0; i < 12; i++)
      b.fx.sim.state.addOrder({
        contactId: 2 + (i % 5),
        actorId: ADMIN_ID,
        items: [{ skuId: 1 + (i % 3), quantity: 1 }],
      });
  });
  afterEach(() => b.fx.close());

  const expectOneDealPerOrder = () => {
    for (const [orderId, deals] of b.dealsPerOrder()) expect(deals, `order ${orderId}`).toHaveLength(1);
  };

  it('does what the plan said: links, creates, skips; results for the CSV and a summary entry', async () => {
    const eight = b.fx.sim.state.getOrder(8)!;
    const deal = b.fx.sim.state.addDeal(
      { name: 'Chairs #1008', stageId: 1, contactId: eight.contactId!, amount: null },
      ADMIN_ID,
    );
    const plan = await planBackfill(b.ports, b.fx.settings, ALL_DATES, { rows: 1000, now: Date.now() });
    const started = await startBackfill(b.deps(), ALL_DATES);
    expect(started.total).toBe(plan.total);
    const run = (await runBackfill(b.deps()))!;
    expect(run).toMatchObject({
      status: 'done',
      counts: { done: plan.total, linked: plan.link, created: plan.create, skipped: plan.skip, problems: 0 },
    });
    expect(b.fx.sim.state.getDeal(deal.id)!.externalId).toBe('shop:8');
    const results = await backfillStore.results(0, 1000);
    expect(results.map((r) => r.orderId)).toEqual(plan.rows.map((r) => r.orderId));
    expect(results.map((r) => r.seq)).toEqual(results.map((_, i) => i));
    for (const row of plan.rows.filter((r) => r.action !== 'skip'))
      expect(b.dealsPerOrder().get(row.orderId)).toHaveLength(1);
    expectOneDealPerOrder();
    expect(b.activity).toEqual([
      expect.objectContaining({ kind: 'backfill_done', to: expect.stringContaining(`${plan.create} created`) }),
    ]);
    // A second run finds every order linked: nothing is written again.
    b.fx.sim.log.clear();
    await startBackfill(b.deps(), ALL_DATES);
    expect((await runBackfill(b.deps()))!.counts).toMatchObject({ skipped: plan.total, created: 0, linked: 0 });
    expect(b.fx.sim.log.effects()).toEqual([]);
  });

  it('resumes after the worker stopped mid-way, repeating nothing', async () => {
    const { total } = await startBackfill(b.deps(), ALL_DATES);
    let steps = 0;
    const stopped = (await runBackfill(b.deps(), { shouldStop: () => ++steps > 2 }))!;
    expect(stopped.status).toBe('running');
    expect(stopped.counts.done).toBeGreaterThan(0);
    expect(stopped.counts.done).toBeLessThan(total);
    await closeSyncDb(); // a new worker opens the database again
    const done = (await runBackfill(b.deps()))!;
    expect(done).toMatchObject({ status: 'done', counts: { done: total, problems: 0 } });
    const results = await backfillStore.results(0, 1000);
    expect(new Set(results.map((r) => r.orderId)).size).toBe(total);
    expectOneDealPerOrder();
  });

  it('pauses, resumes and cancels', async () => {
    await startBackfill(b.deps(), ALL_DATES);
    await setBackfillStatus(b.deps(), 'paused');
    expect((await runBackfill(b.deps()))!.counts.done).toBe(0);
    await setBackfillStatus(b.deps(), 'running');
    await setBackfillStatus(b.deps(), 'cancelled');
    expect((await runBackfill(b.deps()))!).toMatchObject({ status: 'cancelled', counts: { done: 0 } });
    expect(await setBackfillStatus(b.deps(), 'running')).toMatchObject({ status: 'cancelled' });
  });

  it('a pause clicked while a step runs is kept: the step finishes, the run stops, and resumes later', async () => {
    let clicked = false;
    const ports = {
      ...b.ports,
      async createLinkedDeal(params: Parameters<typeof b.ports.createLinkedDeal>[0]) {
        if (!clicked) {
          clicked = true;
          await setBackfillStatus(b.deps(), 'paused');
        }
        return b.ports.createLinkedDeal(params);
      },
    };
    const { total } = await startBackfill(b.deps(), ALL_DATES);
    const paused = (await runBackfill(b.deps({ ports })))!;
    expect(paused.status).toBe('paused');
    expect(paused.counts.done).toBeGreaterThan(0);
    expect(paused.counts.done).toBeLessThan(total);
    expect((await backfillStore.getRun())!.status).toBe('paused');
    await setBackfillStatus(b.deps(), 'running');
    expect((await runBackfill(b.deps()))!).toMatchObject({ status: 'done', counts: { done: total, problems: 0 } });
    expectOneDealPerOrder();
  });

  it('a write whose reply was lost is read again, not repeated', async () => {
    let lost = 0;
    const ports = {
      ...b.ports,
      async createLinkedDeal(params: Parameters<typeof b.ports.createLinkedDeal>[0]) {
        const id = await b.ports.createLinkedDeal(params);
        if (lost++ < 2) throw new BackendError('network', 'The reply was lost');
        return id;
      },
    };
    await startBackfill(b.deps(), ALL_DATES);
    const run = (await runBackfill(b.deps({ ports })))!;
    expect(run).toMatchObject({ status: 'done', counts: { problems: 0 } });
    const results = await backfillStore.results(0, 1000);
    expect(results.filter((r) => r.note?.includes('read again'))).toHaveLength(2);
    expectOneDealPerOrder();
  });

  it('backs off on 429 and 5xx, and a write applied before a 500 is found by the re-read, not repeated', async () => {
    const { sim } = b.fx;
    sim.faults.add({ match: { apiMethod: 'crm.deal.list' }, kind: 'rateLimited', retryAfter: 0, times: 3 });
    sim.faults.add({ match: { apiMethod: 'shop.order.search' }, kind: 'status5xx', times: 1 });
    sim.faults.add({ match: { path: '/webasyst/crm/', httpMethod: 'POST' }, kind: 'appliedThen500', times: 2 });
    await startBackfill(b.deps(), ALL_DATES);
    const run = (await runBackfill(b.deps()))!;
    expect(run).toMatchObject({ status: 'done', counts: { problems: 0 } });
    expect(run.counts.created).toBeGreaterThan(0);
    // Both writes answered 500 after they were applied: read again, counted once.
    expect((await backfillStore.results(0, 1000)).filter((r) => r.note?.includes('read again'))).toHaveLength(2);
    expect(sim.log.entries().filter((e) => e.status === 429).length).toBe(3);
    expectOneDealPerOrder();
  });

  it('no backend session: the run pauses with the reason, and goes on after sign-in', async () => {
    b.fx.signOut();
    await startBackfill(b.deps(), ALL_DATES);
    const paused = (await runBackfill(b.deps()))!;
    expect(paused.status).toBe('paused');
    expect(paused.lastError).toMatch(/session/i);
    b.fx.signIn();
    await setBackfillStatus(b.deps(), 'running');
    expect((await runBackfill(b.deps()))!).toMatchObject({ status: 'done', counts: { problems: 0 } });
    expectOneDealPerOrder();
  });

  it('alone, writes without a pause; once another runner links one of its orders, pauses before each write', async () => {
    const pauses: number[] = [];
    const sleep = async (ms: number) => {
      pauses.push(ms);
    };
    const plan = await planBackfill(b.ports, b.fx.settings, ALL_DATES, { rows: 1000, now: Date.now() });
    const toWrite = plan.rows.filter((r) => r.action === 'create');
    expect(toWrite.length).toBeGreaterThan(6);
    await startBackfill(b.deps(), ALL_DATES);
    const alone = await runBackfill(b.deps({ jitterMs: 1000, sleep }));
    expect(alone!.counts.created).toBe(toWrite.length);
    expect(pauses).toEqual([]);

    // Again over new orders; another browser links the first of them right after the run read the deals.
    for (let i = 0; i < 8; i++)
      b.fx.sim.state.addOrder({ contactId: 2 + (i % 5), actorId: ADMIN_ID, items: [{ skuId: 1, quantity: 1 }] });
    const again = await planBackfill(b.ports, b.fx.settings, ALL_DATES, { rows: 1000, now: Date.now() });
    expect(again.create).toBe(8);
    const first = b.fx.sim.state.getOrder(again.rows.find((r) => r.action === 'create')!.orderId)!;
    const ports = {
      ...b.ports,
      listDeals: async (offset: number, limit: number) => {
        const page = await b.ports.listDeals(offset, limit);
        if (!b.fx.sim.state.dealForOrder(first.id))
          b.fx.sim.state.addDeal(
            {
              name: 'By another browser',
              stageId: 1,
              contactId: first.contactId!,
              amount: null,
              externalId: `shop:${first.id}`,
            },
            ADMIN_ID,
          );
        return page;
      },
    };
    await startBackfill(b.deps(), ALL_DATES);
    const contended = await runBackfill(b.deps({ ports, jitterMs: 1000, sleep }));
    expect(contended!.counts).toMatchObject({ created: 7, problems: 0 });
    // The first order showed the other runner: every write of the steps after it paused first.
    expect(pauses.filter((ms) => ms === 500).length).toBeGreaterThanOrEqual(3);
    expectOneDealPerOrder();
  });

  it('tells the sync what it linked: the next cycle reads none of the new deals back', async () => {
    const engine = b.fx.engine();
    await b.fx.settle(engine); // the sync watched the shop before
    await startBackfill(b.deps(), ALL_DATES);
    const run = (await runBackfill(b.deps()))!;
    expect(run.counts.created).toBeGreaterThan(10);
    b.fx.sim.log.clear();
    await b.fx.settle(engine, 1);
    const methods = b.fx.sim.log.entries().map((e) => e.apiMethod ?? e.path);
    // The two feeds' looks and nothing per deal.
    expect(methods.length, methods.join(', ')).toBeLessThanOrEqual(3);
    for (const r of (await backfillStore.results(0, 1000)).filter((x) => x.outcome === 'created'))
      expect(await linkStore.byOrder(r.orderId)).toMatchObject({ dealId: r.dealId });
  });

  it('two runners at once (two browsers) make one deal per order', async () => {
    const other = memoryStore();
    await startBackfill(b.deps(), ALL_DATES);
    await startBackfill(b.deps({ store: other }), ALL_DATES);
    // Jitter on both: they interleave on the same orders.
    let seed = 1;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const [one, two] = await Promise.all([
      runBackfill(b.deps({ jitterMs: 30, random })),
      runBackfill(b.deps({ store: other, jitterMs: 30, random: () => 1 - random() })),
    ]);
    expect(one!.status).toBe('done');
    expect(two!.status).toBe('done');
    // They did collide (each deleted only a deal of its own), and still one deal per order.
    expect(b.fx.sim.log.effects().some((e) => e.startsWith('deal_delete'))).toBe(true);
    expectOneDealPerOrder();
    // Every order either runner was to give a deal has one.
    const toDo = (await backfillStore.results(0, 1000)).filter((r) => r.outcome !== 'skipped' || r.reason === 'linked');
    for (const r of toDo) expect(b.dealsPerOrder().get(r.orderId), `order ${r.orderId}`).toHaveLength(1);
  });
});
