import { startSimulator } from '../sim/server';
import { launchExtension } from '../tests/e2e/harness';
import { until } from '../tests/e2e/until';

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
}

interface Run {
  status: string;
  total: number;
  counts: { done: number; linked: number; created: number; skipped: number; problems: number };
}

/**
 * The backfill of existing orders over a scale-seeded shop (`orders` orders of a year, a fifth
 * of them with deals), run by the built extension as a person would start it: every order not
 * completed or deleted, of any date. Counts every request the run makes (API and backend),
 * its plan included. With `latencyMs`, against a hosted shop.
 */
export async function measureBackfill(
  orders = 600,
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
      sync: { enabled: true, periodMinutes: 60, runsAutomaticSync: false, paused: false },
    });
    const filters = { states: [], from: '2000-01-01', to: null, storefronts: [] };
    sim.log.clear();
    const started = Date.now();
    await h.send('backfill.plan', { filters, rows: 50 });
    await h.send('backfill.start', { filters });
    const run = await until(
      'the backfill done',
      async () => {
        const { run: r } = await h.send<{ run: Run | null }>('backfill.status', {});
        return r?.status === 'done' ? r : null;
      },
      30 * 60_000,
      500,
    );
    const runMs = Date.now() - started;
    // Only what the backfill asked: the status polls are messages, not requests to Webasyst.
    const requests = sim.log.entries().length;
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
    };
  } finally {
    await h.close();
    await sim.close();
  }
}
