import { startSimulator } from '../sim/server';
import { launchExtension } from '../tests/e2e/harness';
import { until } from '../tests/e2e/until';
import { swCycle } from '../tests/reliability/browser-soak';
import { workerHeap, workerHeapNow } from './sync';

export interface BackfillMeasure {
  orders: number;
  linked: number;
  created: number;
  skipped: number;
  problems: number;
  runMs: number;
  requests: number;
  ordersPerMin: number;
  requestsPerOrder: number;
  /**
   * The worker's JS heap while the run went on, sampled each second, every other sample after
   * a forced GC: the most it kept alive (measured as the sync's budget is, after a GC).
   */
  heapLiveMaxMb: number;
  /** The other samples, as the heap was (garbage not yet collected included): the most it reached. */
  heapPeakMb: number;
  /** After the run and a GC: what it keeps. */
  heapAfterMb: number;
  heapSamples: number;
  /** The sync's next cycle after the run ("Sync now"): what the new deals cost it. */
  nextCycleRequests: number;
  nextCycleMs: number;
}

interface Run {
  status: string;
  total: number;
  counts: { done: number; linked: number; created: number; skipped: number; problems: number };
}

/** Every state of the scale seed: the run takes every order, completed and deleted ones too. */
const ALL_STATES = ['new', 'processing', 'paid', 'fulfilling', 'shipped', 'completed', 'refunded', 'deleted'];

/**
 * The backfill of existing orders over a scale-seeded shop (`orders` orders of a year, a fifth
 * of them with deals), run by the built extension as a person would start it, over every order
 * of any state and date. Counts every request the run makes (API and backend), its plan
 * included, and samples the service worker's heap while it runs. With `latencyMs`, against a
 * hosted shop.
 */
export async function measureBackfill(
  orders = 10_000,
  { latencyMs = 0 }: { latencyMs?: number } = {},
): Promise<BackfillMeasure> {
  const sim = await startSimulator({
    seed: { orders, deals: Math.round(orders / 5) },
    ...(latencyMs ? { latency: { latencyMs } } : {}),
  });
  const h = await launchExtension(sim);
  try {
    const host = new URL(sim.url).host;
    await h.updateSettings({
      autoCreate: [host, `${host}/wholesale/`, ''].map((storefront) => ({
        storefront,
        enabled: true,
        trigger: 'order_create',
        funnelId: 1,
        stageId: 1,
        ownerId: null,
      })),
      // The sync runs here too, its period longer than the run: its cycle after the run is measured on its own.
      sync: { enabled: true, periodMinutes: 60, runsAutomaticSync: true, paused: false },
    });
    await swCycle(h, 600_000, 500); // places the cursors, as on a shop the sync watched before
    const filters = { states: ALL_STATES, from: '2000-01-01', to: null, storefronts: [] };
    sim.log.clear();
    const started = Date.now();
    await h.send('backfill.plan', { filters, rows: 50 });
    await h.send('backfill.start', { filters });
    const heap: number[] = [];
    const live: number[] = [];
    const run = await until(
      'the backfill done',
      async () => {
        if (heap.length > live.length) live.push((await workerHeap(h)).usedMb);
        else heap.push((await workerHeapNow(h)).usedMb);
        const { run: r } = await h.send<{ run: Run | null }>('backfill.status', {});
        return r?.status === 'done' ? r : null;
      },
      60 * 60_000,
      1000,
    );
    const runMs = Date.now() - started;
    const after = await workerHeap(h);
    // Only what the backfill asked: the status polls are messages, not requests to Webasyst.
    const requests = sim.log.entries().length;
    const cycleStarted = Date.now();
    const cycle = await swCycle(h, 600_000, 200);
    const nextCycleMs = (cycle.status.lastSyncAt ?? Date.now()) - cycleStarted;
    const nextCycleRequests = sim.log.entries().length - requests;
    const { done, linked, created, skipped, problems } = run.counts;
    return {
      orders: done,
      linked,
      created,
      skipped,
      problems,
      runMs,
      requests,
      ordersPerMin: Math.round((done / runMs) * 60_000),
      requestsPerOrder: Math.round((requests / Math.max(done, 1)) * 100) / 100,
      heapLiveMaxMb: Math.max(...live, after.usedMb),
      heapPeakMb: Math.max(...heap),
      heapAfterMb: after.usedMb,
      heapSamples: heap.length + live.length,
      nextCycleRequests,
      nextCycleMs,
    };
  } finally {
    await h.close();
    await sim.close();
  }
}
