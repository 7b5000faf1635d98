import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { until } from './until';

/**
 * The backfill of existing orders end to end: planned and started from the options page in one
 * browser, its worker stopped mid-way and the run resumed by the next one, while a second
 * browser runs the automatic sync (creating deals for the same new orders). At the end every
 * order has exactly one deal.
 */
const ADMIN = 1;
const NEW_ORDERS = 40;

let sim: Sim;
let backfiller: Harness;
let syncer: Harness;

interface Run {
  status: string;
  total: number;
  counts: { done: number; linked: number; created: number; skipped: number; problems: number };
}
const status = async () => (await backfiller.send<{ run: Run | null }>('backfill.status', {})).run;

const autoCreate = [
  { storefront: '127.0.0.1', enabled: true, trigger: 'order_create', funnelId: 1, stageId: 1, ownerId: null },
  { storefront: '', enabled: true, trigger: 'order_create', funnelId: 1, stageId: 1, ownerId: null },
];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  backfiller = await launchExtension(sim);
  syncer = await launchExtension(sim);
  const host = new URL(sim.url).host;
  const rules = autoCreate.map((a) => (a.storefront ? { ...a, storefront: host } : a));
  await backfiller.updateSettings({
    autoCreate: rules,
    sync: { enabled: true, periodMinutes: 1, runsAutomaticSync: false, paused: false },
  });
  await syncer.updateSettings({ autoCreate: rules });
  // The syncing browser places its cursors first: orders added after are new to it.
  await syncer.send('sync.now', {});
  await until(
    'the syncer started',
    async () =>
      ((await syncer.send<{ status: { lastSyncAt: number | null } }>('status.get', { activityLimit: 0 })).status
        .lastSyncAt ?? 0) > 0,
  );
  for (let i = 0; i < NEW_ORDERS; i++) {
    sim.state.addOrder({
      contactId: 2 + (i % 6),
      actorId: ADMIN,
      items: [{ skuId: 1 + (i % 4), quantity: 1 }],
      storefront: i % 5 === 0 ? '' : undefined,
    });
  }
  // One open deal that fits one order: the plan links it.
  const last = sim.state.orders.nextOrderId - 1;
  sim.state.addDeal(
    {
      name: `Follow-up for ${sim.state.shop.orderFormatPrefix}${last}`,
      stageId: 2,
      contactId: sim.state.getOrder(last)!.contactId!,
      amount: null,
    },
    ADMIN,
  );
}, 120_000);

afterAll(async () => {
  await Promise.all([backfiller?.close(), syncer?.close()]);
  await sim?.close();
});

describe('backfill of existing orders', () => {
  it('plans on the options page, then runs through a worker stop, beside another browser’s sync: one deal per order', async () => {
    const page = await backfiller.extensionPage('options');
    await page.waitForSelector('[data-dealbridge="backfill-show-plan"]:not([disabled])', { timeout: 30_000 });
    await page.click('[data-dealbridge="backfill-show-plan"]');
    await page.waitForSelector('[data-dealbridge="backfill-plan"]', { timeout: 30_000 });
    const linkRow = await page.$eval(
      '[data-dealbridge="backfill-row"][data-action="link"]',
      (row) => row.textContent ?? '',
    );
    expect(linkRow).toContain('Follow-up for #');
    // The other browser syncs all the while.
    let syncing = true;
    const syncLoop = (async () => {
      while (syncing) {
        await syncer.send('sync.now', {}).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 700));
      }
    })();

    await page.click('[data-dealbridge="backfill-start"]');
    await page.waitForSelector('[data-dealbridge="backfill-progress"]', { timeout: 30_000 });
    await until('a few orders done', async () => ((await status())?.counts.done ?? 0) >= 5, 60_000);
    await page.close();
    await backfiller.stopServiceWorker();
    const stoppedAt = (await status())!; // this message wakes a new worker, which resumes the run
    expect(stoppedAt.status).toBe('running');
    expect(stoppedAt.counts.done).toBeLessThan(stoppedAt.total);

    // Pause and resume through the messages the options page sends.
    expect((await backfiller.send<{ run: Run }>('backfill.pause', {})).run.status).toBe('paused');
    expect((await backfiller.send<{ run: Run }>('backfill.resume', {})).run.status).toBe('running');

    const done = await until(
      'the run done',
      async () => {
        const run = await status();
        return run?.status === 'done' ? run : null;
      },
      180_000,
    );
    syncing = false;
    await syncLoop;
    expect(done.counts.done).toBe(done.total);
    expect(done.counts.problems).toBe(0);

    // Exactly one deal per order, whoever made it.
    const perOrder = new Map<string, number>();
    for (const deal of sim.state.deals.values())
      if (deal.externalId) perOrder.set(deal.externalId, (perOrder.get(deal.externalId) ?? 0) + 1);
    expect([...perOrder].filter(([, n]) => n > 1)).toEqual([]);
    const added = [...sim.state.orders.all()].filter((o) => o.id > 14);
    for (const order of added) expect(perOrder.get(`shop:${order.id}`), `order ${order.id}`).toBe(1);

    const csv = await backfiller.send<{ csv: string }>('backfill.csv', {});
    expect(csv.csv.trim().split('\r\n')).toHaveLength(done.total + 1);
  }, 300_000);
});
