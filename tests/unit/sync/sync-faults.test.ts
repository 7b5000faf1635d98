import { replaceOrderStates } from '../../../utils/db/order-states';
import { toSyncItem } from '../../../utils/sync/items/items';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, startedFixture, type SyncFixture } from './sync-fixture';
import { listSyncItems } from '../../../utils/sync/items/items';
import { getSyncState } from '../../../utils/sync/items/items';
import { allOutbox } from '../../../utils/db/outbox';
import type { FaultKind } from '../../../sim/server';

let fx: SyncFixture;
afterEach(async () => {
  await fx?.close();
});

const count = (effects: string[], prefix: string) => effects.filter((e) => e.startsWith(prefix)).length;

/** Every way a write's reply can go wrong, once: the effect still happens exactly once. */
const WRITE_FAULTS: FaultKind[] = ['appliedThen500', 'status5xx', 'reset', 'malformed', 'html'];

describe('faults on writes: re-read before retrying, never double an effect', () => {
  it.each(WRITE_FAULTS)('shop.order.action answered with %s: the order is completed once', async (kind) => {
    fx = await startedFixture();
    fx.setSettings((s) => ({ ...s, mappings: [] }));
    fx.sim.faults.add({ match: { apiMethod: 'shop.order.action' }, kind, times: 1 });
    fx.sim.state.closeDeal(6, 'WON', ADMIN_ID, { force: true });
    await fx.settle();
    expect(fx.sim.state.getOrder(1)!.stateId).toBe('completed');
    expect(count(fx.effects(), 'order_action:1:complete')).toBe(1);
    expect(await allOutbox()).toEqual([]);
    // A write whose reply was lost and that turned out applied is reported as "already there".
    const outcome = fx.activity.find((a) => a.kind === 'order_action')!.outcome;
    expect(outcome).toBe(kind === 'appliedThen500' ? 'already' : 'applied');
  });

  it.each(WRITE_FAULTS)('crm.deal.move answered with %s: the deal moves once', async (kind) => {
    fx = await startedFixture();
    fx.sim.faults.add({ match: { apiMethod: 'crm.deal.move' }, kind, times: 1 });
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    await fx.settle();
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
    expect(count(fx.effects(), 'deal_move:6:')).toBe(1);
    expect(count(fx.effects(), 'order_action')).toBe(1); // only the person's ship
    // Told as Dealbridge's move from the stage the deal left, even when the reply was lost.
    expect(fx.activity.find((a) => a.kind === 'deal_moved')).toMatchObject({
      outcome: 'applied',
      from: 'Working with objections',
      to: 'Proposal Making',
      orderNumber: '#1001',
    });
  });

  it('a write that hangs until the client gives up is checked before the retry', async () => {
    fx = await startedFixture();
    fx.sim.faults.add({ match: { apiMethod: 'crm.deal.close' }, kind: 'hang', times: 1 });
    fx.sim.state.runOrderAction(1, 'complete', ADMIN_ID);
    await fx.settle();
    expect(fx.sim.state.getDeal(6)!.statusId).toBe('WON');
    expect(count(fx.effects(), 'deal_close:6:WON')).toBe(1);
  });

  it('429 waits for Retry-After before trying again', async () => {
    fx = await startedFixture();
    fx.sim.faults.add({ match: { apiMethod: 'crm.deal.move' }, kind: 'rateLimited', retryAfter: 3, times: 1 });
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    const before = Date.now();
    await fx.settle();
    const [item] = await allOutbox();
    expect(item.status).toBe('pending');
    expect(item.dueAt).toBeGreaterThanOrEqual(before + 3000);
    // People are told why it waits and when it is tried next.
    expect(toSyncItem(item, null)).toMatchObject({ waitReason: 'rate_limited', nextTryAt: item.dueAt });
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(3);
    await fx.settle(fx.engine({ clockOffsetMs: 4000 }), 1);
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
  });

  it('a revoked token stops the cycle with an error and touches no item', async () => {
    fx = await startedFixture();
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    const rule = fx.sim.faults.add({ match: { apiMethod: 'crm.deal.move' }, kind: 'unauthorized' });
    await fx.settle(undefined, 2);
    expect((await getSyncState(() => false)).lastError).toMatch(/token/);
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(3);
    expect((await allOutbox()).map((i) => [i.status, i.attempts, i.inFlight])).toEqual([['pending', 0, null]]);
    fx.sim.faults.remove(rule);
    await fx.settle();
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
    expect((await getSyncState(() => false)).lastError).toBeNull();
  });

  it('a write Webasyst keeps failing becomes a problem after the last try; retry puts it back', async () => {
    fx = await startedFixture();
    const rule = fx.sim.faults.add({ match: { apiMethod: 'crm.deal.move' }, kind: 'status5xx' });
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    await fx.settle(undefined, 10);
    const { problems } = await listSyncItems({ dealId: 6 });
    expect(problems).toHaveLength(1);
    expect(problems[0].problem).toMatch(/Gave up after 4 tries/);
    expect(problems[0].effect).toBe('Move the deal to “Proposal Making”');
    expect(problems[0].reason).toMatch(/^Order #1001: Sent · rule Sent → Proposal Making \(Sales\)$/);
    fx.sim.faults.remove(rule);
    const { retryItem } = await import('../../../utils/sync/items/items');
    expect(await retryItem(problems[0].id, { request: () => undefined })).toBe(true);
    await fx.settle();
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
    expect(await listSyncItems({ dealId: 6 })).toEqual({ pending: [], problems: [] });
  });

  it('a failed read of a feed leaves its cursor and the other side still syncs', async () => {
    fx = await startedFixture();
    fx.sim.faults.add({ match: { apiMethod: 'crm.history' }, kind: 'status5xx', times: 1 });
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    await fx.engine().request();
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
    expect((await getSyncState(() => false)).lastError).toMatch(/Internal server error/);
  });
});

describe('a custom action still offered after it ran', () => {
  it('after a lost reply the order log, not the offered actions, tells that it ran', async () => {
    fx = await startedFixture();
    // A custom workflow action without a form that does not change the state ("remind").
    const wf = fx.sim.state.workflow;
    wf.actions.remind = {
      id: 'remind',
      name: 'Remind',
      form: false,
      type: 'button',
      color: '#aaa',
      isCustom: true,
      logRecord: 'Reminded',
    };
    for (const state of wf.states) if (state.id === 'processing') state.availableActions.push('remind');
    fx.setSettings((s) => ({
      ...s,
      mappings: [
        {
          funnelId: 1,
          rules: [
            {
              actionId: 'remind',
              target: { kind: 'stage', stageId: 5 },
              direction: 'deal_to_order',
              allowBackward: false,
            },
          ],
        },
      ],
    }));
    fx.sim.faults.add({ match: { apiMethod: 'shop.order.action' }, kind: 'appliedThen500', times: 1 });
    fx.sim.state.moveDeal(6, 5, ADMIN_ID, { force: true });
    await fx.settle();
    expect(count(fx.effects(), 'order_action:1:remind')).toBe(1);
    expect(fx.activity.map((a) => [a.kind, a.outcome])).toEqual([['order_action', 'already']]);
  });
});

describe('a change that cannot be examined yet', () => {
  it('waits in the inbox and the cycle says why', async () => {
    fx = await startedFixture();
    // An order whose state was never seen: only its log tells what ran.
    await replaceOrderStates([]);
    const rule = fx.sim.faults.add({ match: { apiMethod: 'shop.order.log' }, kind: 'status5xx' });
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    await fx.engine().request();
    expect((await getSyncState(() => false)).lastError).toMatch(/Internal server error/);
    fx.sim.faults.remove(rule);
    await fx.settle(fx.engine({ clockOffsetMs: 60_000 }), 2);
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
    expect((await getSyncState(() => false)).lastError).toBeNull();
  });
});
