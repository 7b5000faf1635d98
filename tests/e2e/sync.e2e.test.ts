import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { until } from './until';

/**
 * The sync engine in the real extension against the simulated Webasyst: both directions,
 * automatic creation through the backend with the browser's session, and the service
 * worker stopped in the middle of a write. "Ran once" is read from the simulator's log.
 *
 * Demo data: order 1 (processing) ↔ deal 6 (Sales, stage 3); order 7 is new and unlinked.
 */
const ADMIN = 1;

let sim: Sim;
let h: Harness;

const effects = (prefix: string) => sim.log.effects().filter((e) => e.startsWith(prefix));

interface Status {
  status: { lastSyncAt: number | null; pendingCount: number; problemCount: number };
}
const status = () => h.send<Status>('status.get', { activityLimit: 0 });

/** Asks for a cycle and waits for one that ended after it was asked for (a running one is followed by it). */
async function syncedOnce(): Promise<void> {
  const asked = Date.now();
  await h.send('sync.now', {});
  await until('a sync cycle', async () => {
    const { status: s } = await h.send<Status & { status: { syncing: boolean } }>('status.get', { activityLimit: 0 });
    return (s.lastSyncAt ?? 0) > asked && !s.syncing;
  });
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  h = await launchExtension(sim);
  await h.updateSettings({
    mappings: [
      {
        funnelId: 1,
        rules: [
          { actionId: 'process', target: { kind: 'stage', stageId: 2 }, direction: 'both', allowBackward: false },
          { actionId: 'ship', target: { kind: 'stage', stageId: 4 }, direction: 'both', allowBackward: false },
        ],
      },
    ],
    autoCreate: [{ storefront: '', enabled: true, trigger: 'order_create', funnelId: 2, stageId: 6, ownerId: null }],
  });
  await syncedOnce(); // starts the cursors: older changes are history
});

afterAll(async () => {
  await h?.close();
  await sim?.close();
});

describe('sync in the extension', () => {
  it('order → deal on "Sync now": the deal moves once', async () => {
    sim.state.runOrderAction(1, 'ship', ADMIN);
    await h.send('sync.now', {});
    await until('deal 6 at stage 4', () => sim.state.getDeal(6)!.stageId === 4);
    await syncedOnce();
    expect(effects('deal_move:6:')).toEqual(['deal_move:6:3->4']);
    await syncedOnce();
    expect(effects('deal_move:6:')).toHaveLength(1);
    expect(effects('order_action:1:')).toEqual(['order_action:1:ship']);
  });

  let dealOf7 = 0;

  it('deal → order on a nudge from the deal page: the order follows within two seconds', async () => {
    const { id } = sim.state.createDealFromBackend(7, { dealId: 'new', stageId: 1 }, ADMIN);
    dealOf7 = Number(id);
    await syncedOnce();
    sim.state.moveDeal(Number(id), 2, ADMIN, { force: true });
    const start = Date.now();
    await h.send('sync.nudge', { kind: 'deal', id: Number(id) });
    await until('order 7 processed', () => sim.state.getOrder(7)!.stateId === 'processing', 5_000);
    expect(Date.now() - start).toBeLessThan(2_000);
    expect(effects('order_action:7:')).toEqual(['order_action:7:process']);
  });

  it('an order action applied but answered with 500: checked by re-reading, run once', async () => {
    sim.faults.add({ match: { apiMethod: 'shop.order.action' }, kind: 'appliedThen500', times: 1 });
    sim.state.closeDeal(dealOf7, 'WON', ADMIN, { force: true }); // close rule: won → complete
    await h.send('sync.nudge', { kind: 'deal', id: dealOf7 });
    await until('order 7 completed', () => sim.state.getOrder(7)!.stateId === 'completed');
    await until('nothing pending', async () => (await status()).status.pendingCount === 0);
    expect(effects('order_action:7:complete')).toHaveLength(1);
    const { activity } = await h.send<{ activity: Array<{ kind: string; outcome: string; orderId: number | null }> }>(
      'status.get',
      { activityLimit: 5 },
    );
    expect(activity.find((a) => a.orderId === 7 && a.kind === 'order_action')).toMatchObject({ outcome: 'already' });
  });

  it('a new manual order gets one linked deal, created with the browser’s backend session', async () => {
    const order = sim.state.addOrder({
      contactId: 5,
      actorId: ADMIN,
      items: [{ skuId: 1, quantity: 1 }],
      storefront: '',
    });
    await syncedOnce();
    await until('the linked deal', () => sim.state.dealForOrder(order.id));
    const mine = (x: string) => x.startsWith('deal_create_backend:') && x.endsWith(`:order:${order.id}`);
    const created = sim.log.entries().filter((e) => e.effects.some(mine));
    expect(created).toHaveLength(1);
    expect(created[0].userAgentIsExtension).toBe(true);
    expect(created[0].actorId).toBe(ADMIN);
    expect(sim.state.dealForOrder(order.id)!.stageId).toBe(6);
    await syncedOnce();
    expect(sim.log.effects().filter(mine)).toHaveLength(1);
  });

  it('the service worker stopped while a write is on the wire: the next worker checks it and does not repeat it', async () => {
    sim.faults.add({ match: { apiMethod: 'crm.deal.close' }, kind: 'latency', ms: 2500, times: 1 });
    // A rule that closes the deal: "comment" → won; run it, and stop the worker mid-close.
    const settings = await h.send<Record<string, unknown> & { mappings: unknown[] }>('settings.get', {});
    await h.send('settings.save', {
      settings: {
        ...settings,
        mappings: [
          {
            funnelId: 1,
            rules: [{ actionId: 'comment', target: { kind: 'won' }, direction: 'order_to_deal', allowBackward: false }],
          },
        ],
      },
    });
    sim.state.runOrderAction(1, 'comment', ADMIN, { text: 'Closing' });
    await h.send('sync.now', {});
    await until('the close request on the wire', () => sim.log.entries().some((e) => e.apiMethod === 'crm.deal.close'));
    await h.stopServiceWorker();
    await until('the close applied by the server', () => sim.state.getDeal(6)!.statusId === 'WON', 10_000);

    // A new worker wakes; it re-reads the deal only once the lost write must have finished on
    // the server (the API timeout and a margin), so as not to see it half done.
    await syncedOnce();
    expect((await status()).status.pendingCount).toBe(1);
    await until('nothing pending', async () => (await status()).status.pendingCount === 0, 45_000);
    expect(effects('deal_close:6:WON')).toHaveLength(1);
    expect((await status()).status.problemCount).toBe(0);
    // The new worker found the lost write applied: no second close, and the activity tells it as
    // Dealbridge's close from the stage the deal was at when the write went out.
    const { activity } = await h.send<{ activity: Array<{ kind: string; outcome: string; from: string | null }> }>(
      'status.get',
      { activityLimit: 5 },
    );
    expect(activity[0]).toMatchObject({
      kind: 'deal_closed',
      outcome: 'applied',
      from: sim.state.stage(sim.state.getDeal(6)!.stageId)!.name,
    });
    // …and its own close coming back through the CRM history is not a person's "won".
    await syncedOnce();
    expect(effects('order_action:1:complete')).toEqual([]);
  });
});
