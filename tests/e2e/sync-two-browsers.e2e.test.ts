import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { until } from './until';

/**
 * Two browsers (two Chromium profiles) both running the automatic sync against one
 * Webasyst, asked to sync at the same moment: the end state is that of one runner alone —
 * one deal per order, every action once. Then the built-in integration switched on too.
 */
const ADMIN = 1;

let sim: Sim;
let browsers: Harness[] = [];

interface Status {
  status: { lastSyncAt: number | null; pendingCount: number; problemCount: number };
}

/** "Sync now" in every browser at once, then until each has finished a cycle with nothing pending. */
async function syncAll(): Promise<void> {
  const before = await Promise.all(
    browsers.map(async (h) => (await h.send<Status>('status.get', { activityLimit: 0 })).status.lastSyncAt ?? 0),
  );
  await Promise.all(browsers.map((h) => h.send('sync.now', {})));
  await Promise.all(
    browsers.map((h, i) =>
      until('a cycle with nothing pending', async () => {
        const { status } = await h.send<Status>('status.get', { activityLimit: 0 });
        return (status.lastSyncAt ?? 0) > before[i] && status.pendingCount === 0;
      }),
    ),
  );
}

const effects = (match: (e: string) => boolean) => sim.log.effects().filter(match);

async function configure(h: Harness): Promise<void> {
  await h.updateSettings({
    mappings: [
      {
        funnelId: 1,
        rules: [{ actionId: 'ship', target: { kind: 'stage', stageId: 4 }, direction: 'both', allowBackward: false }],
      },
    ],
    autoCreate: [{ storefront: '', enabled: true, trigger: 'order_create', funnelId: 1, stageId: 1, ownerId: null }],
  });
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  browsers = [await launchExtension(sim), await launchExtension(sim)];
  for (const h of browsers) await configure(h);
  await syncAll(); // both start their cursors
});

afterAll(async () => {
  await Promise.all(browsers.map((h) => h.close()));
  await sim?.close();
});

describe('two browsers running the automatic sync at once', () => {
  it('a new order gets one deal', async () => {
    const order = sim.state.addOrder({
      contactId: 4,
      actorId: ADMIN,
      items: [{ skuId: 1, quantity: 1 }],
      storefront: '',
    });
    await syncAll();
    await syncAll();
    const linked = [...sim.state.deals.values()].filter((d) => d.externalId === `shop:${order.id}`);
    expect(linked).toHaveLength(1);
    // Each created deal beyond the first was deleted by the browser that created it.
    const created = effects((e) => e.startsWith('deal_create_backend:') && e.endsWith(`:order:${order.id}`)).length;
    expect(effects((e) => e.startsWith('deal_delete:'))).toHaveLength(created - 1);
  });

  it('an order action moves the deal once, and a won deal completes the order once', async () => {
    sim.state.runOrderAction(1, 'ship', ADMIN);
    await syncAll();
    expect(sim.state.getDeal(6)!.stageId).toBe(4);
    expect(effects((e) => e.startsWith('deal_move:6:'))).toEqual(['deal_move:6:3->4']);

    sim.state.closeDeal(6, 'WON', ADMIN, { force: true });
    await syncAll();
    await syncAll();
    expect(sim.state.getOrder(1)!.stateId).toBe('completed');
    expect(effects((e) => e.startsWith('order_action:1:'))).toEqual(['order_action:1:ship', 'order_action:1:complete']);
    for (const h of browsers)
      expect((await h.send<Status>('status.get', { activityLimit: 0 })).status.problemCount).toBe(0);
  });

  it('with the built-in integration switched on as well: still once', async () => {
    sim.state.integration.enabled = true;
    sim.state.integration.mapping = { 'shop:process_1': '2', 'shop:ship_1': '4' };
    const { id } = sim.state.createDealFromBackend(7, { dealId: 'new', stageId: 1 }, ADMIN); // order 7 is new
    await syncAll();
    sim.state.runOrderAction(7, 'ship', ADMIN); // the built-in moves the deal itself
    await syncAll();
    await syncAll();
    expect(sim.state.getDeal(Number(id))!.stageId).toBe(4);
    expect(effects((e) => e.startsWith(`deal_move:${id}:`))).toHaveLength(1);
    expect(effects((e) => e.startsWith('order_action:7:'))).toEqual(['order_action:7:ship']);
  });
});
