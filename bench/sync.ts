import { startSimulator, type HostingStats, type Sim } from '../sim/server';
import { launchExtension, type Harness } from '../tests/e2e/harness';
import { configureExtension, swCycle } from '../tests/reliability/browser-soak';
import { applyChange, pickChange, soakSettings, CUSTOMERS, ADMIN, type Change } from '../tests/reliability/soak';
import { createRng } from '../tests/reliability/prng';
import { allOrderIds, dealsOfOrder } from '../tests/reliability/pairs';
import { percentile, round } from './stats';

/**
 * Sync measurements through the extension's real service worker, against the simulator.
 * "API requests" are the requests the simulator logs to api.php and to the backend
 * endpoint Dealbridge creates linked deals with; during these measurements nothing else
 * talks to the simulator (no page is open), so every such request is the extension's.
 */
const isApiRequest = (path: string) => path.startsWith('/api.php') || path.startsWith('/webasyst/crm/');

function apiRequestsSince(sim: Sim, seq: number): number {
  return sim.log.entries().filter((e) => e.seq > seq && isApiRequest(e.path)).length;
}
const lastSeq = (sim: Sim) => sim.log.entries().at(-1)?.seq ?? 0;

/** Cycles until nothing is pending (retries and echoes settled). */
async function settle(h: Harness, max = 6): Promise<void> {
  for (let i = 0; i < max; i++) {
    const reply = await swCycle(h);
    if (reply.status.pendingCount === 0 && i > 0) return;
  }
}

/** One cycle when nothing changed: the API methods it called, in order. */
async function idleCycle(h: Harness): Promise<string[]> {
  const before = lastSeq(h.sim);
  await swCycle(h);
  return h.sim.log
    .entries()
    .filter((e) => e.seq > before && isApiRequest(e.path))
    .map((e) => e.apiMethod ?? e.path);
}

export interface RequestCounts {
  idleCycleRequests: number;
  /** What the idle cycle asked for, in order (evidence for the figure). */
  idleCycleMethods: string[];
  /** The same right after 20 orders were created in one second (all at the orders cursor). */
  idleAfterBurstRequests: number;
  idleAfterBurstMethods: string[];
  changes: number;
  requests: number;
  requestsPerChange: number;
  byKind: Record<string, number>;
  /** The requests of the 200 changes per API method (the evidence for the figure). */
  byMethod: Record<string, number>;
}

/**
 * Idle cycle: requests of one cycle when nothing changed. Per change: 200 changes of mixed
 * kinds (order actions on linked orders, deal moves/closes/reopens, new orders that get a
 * deal), 10 between cycles, and every request until all of them settled, divided by 200.
 */
export async function measureRequests(h: Harness, changes = 200, perCycle = 10, seed = 7): Promise<RequestCounts> {
  const sim = h.sim;
  const rng = createRng(seed);
  const skus = sim.state.catalog.map((s) => s.skuId);
  await settle(h);
  const idle = await idleCycle(h);

  // Some linked pairs to change: new orders get deals by automatic creation. They are made in
  // one burst (the same second), which the cycle after shows as a second idle figure.
  for (let i = 0; i < 20; i++)
    sim.state.addOrder({
      contactId: rng.pick(CUSTOMERS),
      items: [{ skuId: rng.pick(skus), quantity: 1 }],
      storefront: '',
      actorId: ADMIN,
    });
  await settle(h);
  const afterBurst = await idleCycle(h);

  const byKind: Record<string, number> = {};
  const start = lastSeq(sim);
  let made = 0;
  while (made < changes) {
    const touched = new Set<number>();
    for (let i = 0; i < perCycle && made < changes; i++) {
      let change: Change | null = null;
      if (rng.chance(0.2)) change = { kind: 'new_order', contactId: rng.pick(CUSTOMERS), skuId: rng.pick(skus) };
      else {
        const linked = allOrderIds(sim).filter((id) => dealsOfOrder(sim, id).length === 1 && !touched.has(id));
        if (!linked.length) continue;
        const orderId = rng.pick(linked);
        change = pickChange(rng, sim, orderId);
        touched.add(orderId);
      }
      if (!change) continue;
      applyChange(sim, change);
      byKind[change.kind] = (byKind[change.kind] ?? 0) + 1;
      made++;
    }
    await swCycle(h);
  }
  await settle(h);
  const requests = apiRequestsSince(sim, start);
  const byMethod: Record<string, number> = {};
  for (const e of sim.log.entries())
    if (e.seq > start && isApiRequest(e.path))
      byMethod[e.apiMethod ?? e.path] = (byMethod[e.apiMethod ?? e.path] ?? 0) + 1;
  return {
    idleCycleRequests: idle.length,
    idleCycleMethods: idle,
    idleAfterBurstRequests: afterBurst.length,
    idleAfterBurstMethods: afterBurst,
    changes: made,
    requests,
    requestsPerChange: round(requests / made, 2),
    byKind,
    byMethod,
  };
}

export interface PropagationResult {
  samples: number[];
  p50: number;
  p95: number;
}

/**
 * Deal page → order: a person moves the deal to the next stage in CRM's own header menu
 * (or marks it won); the deal page's content script nudges the sync, which runs the mapped
 * order action. Measured from the click to the moment the simulator applies that action.
 */
export async function measurePropagation(h: Harness, pairs = 15): Promise<PropagationResult> {
  const sim = h.sim;
  const rng = createRng(11);
  const skus = sim.state.catalog.map((s) => s.skuId);
  const orderIds: number[] = [];
  for (let i = 0; i < pairs; i++) {
    orderIds.push(
      sim.state.addOrder({
        contactId: rng.pick(CUSTOMERS),
        items: [{ skuId: rng.pick(skus), quantity: 1 }],
        storefront: '',
        actorId: ADMIN,
      }).id,
    );
  }
  await settle(h);
  const applied = new Map<string, number>();
  sim.state.onEffect((effect) => {
    if (effect.startsWith('order_action:')) applied.set(effect, Date.now());
  });
  const samples: number[] = [];
  const page = await h.newPage();
  // Stage → the order action its rule runs (soakSettings): "Paid" has a form in Shop-Script,
  // and its rule runs it without the form (the default for pay), so it needs nobody either.
  const steps: Array<{ click: string[]; action: string }> = [
    { click: ['.deal-header .js-stage-toggle', '.deal-header .js-move-stage[data-stage-id="2"]'], action: 'process' },
    { click: ['.deal-header .js-stage-toggle', '.deal-header .js-move-stage[data-stage-id="3"]'], action: 'pay' },
    { click: ['.deal-header .js-deal-won'], action: 'complete' },
  ];
  for (const orderId of orderIds) {
    const deal = dealsOfOrder(sim, orderId)[0];
    if (!deal) continue;
    await page.goto(new URL(`webasyst/crm/deal/${deal.id}/`, sim.url).toString(), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-dealbridge="deal-panel"]:not([hidden])', { timeout: 30_000 });
    for (const step of steps) {
      const key = `order_action:${orderId}:${step.action}`;
      for (const selector of step.click.slice(0, -1)) await page.click(selector);
      await page.waitForSelector(step.click.at(-1)!, { visible: true, timeout: 10_000 });
      const clickedAt = Date.now();
      await page.click(step.click.at(-1)!);
      const deadline = Date.now() + 30_000;
      while (!applied.has(key) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      if (applied.has(key)) samples.push(applied.get(key)! - clickedAt);
      else samples.push(Number.POSITIVE_INFINITY);
      // Let the echo settle before the next move of the same deal.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  await page.close();
  return { samples, p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export interface ScaleResult {
  orders: number;
  links: number;
  changed: number;
  cycleMs: number;
  requests: number;
  heapUsedMb: number;
  heapTotalMb: number;
  effects: number;
  /** Per API method in that cycle: requests, and the mean time from one request to the next (client + network + server). */
  byMethod: Record<string, { count: number; meanGapMs: number }>;
  /** The simulator's own time per method at this scale, called directly from node (what the extension cannot go below). */
  serverMs: Record<string, number>;
  /** Hosted only: requests of the cycle that waited for a PHP worker, how many at most, and how long in all. */
  hosting?: HostingStats;
}

function requestBreakdown(sim: Sim, afterSeq: number): ScaleResult['byMethod'] {
  const entries = sim.log.entries().filter((e) => e.seq > afterSeq && isApiRequest(e.path));
  const out: Record<string, { count: number; total: number }> = {};
  entries.forEach((e, i) => {
    const key = e.apiMethod ?? e.path;
    const gap = i + 1 < entries.length ? entries[i + 1].at - e.at : 0;
    out[key] = { count: (out[key]?.count ?? 0) + 1, total: (out[key]?.total ?? 0) + gap };
  });
  return Object.fromEntries(
    Object.entries(out).map(([k, v]) => [k, { count: v.count, meanGapMs: round(v.total / v.count, 1) }]),
  );
}

async function serverTimes(
  sim: Sim,
  pairs: Array<{ dealId: number; orderId: number }>,
): Promise<Record<string, number>> {
  const call = async (path: string) => {
    const started = performance.now();
    const reply = await fetch(new URL(`api.php/${path}`, sim.url), {
      headers: { Authorization: `Bearer ${sim.token}` },
    });
    await reply.text();
    return performance.now() - started;
  };
  const methods: Record<string, (p: { dealId: number; orderId: number }) => string> = {
    'shop.order.log': (p) => `shop.order.log?id=${p.orderId}`,
    'crm.deal.info': (p) => `crm.deal.info?id=${p.dealId}`,
    'shop.order.search': () => 'shop.order.search?hash=&sort=updated%20DESC&limit=10',
    'crm.history': () => 'crm.history?filters[]=deals&limit=500',
  };
  const out: Record<string, number> = {};
  for (const [name, path] of Object.entries(methods)) {
    const times: number[] = [];
    for (const p of pairs) times.push(await call(path(p)));
    out[name] = round(times.reduce((a, b) => a + b, 0) / times.length, 2);
  }
  return out;
}

type WorkerClient = { send(method: string): Promise<{ usedSize: number; totalSize: number }> };

async function workerClient(h: Harness): Promise<WorkerClient> {
  return ((await h.worker()) as unknown as { client: WorkerClient }).client;
}

/** The service worker's JS heap after a GC: what it keeps. */
async function workerHeap(h: Harness): Promise<{ usedMb: number; totalMb: number }> {
  const client = await workerClient(h);
  await client.send('HeapProfiler.collectGarbage' as never).catch(() => undefined);
  return workerHeapNow(h);
}

/** The service worker's JS heap as it is (garbage not yet collected included): what it holds now. */
async function workerHeapNow(h: Harness): Promise<{ usedMb: number; totalMb: number }> {
  const usage = await (await workerClient(h)).send('Runtime.getHeapUsage');
  return { usedMb: round(usage.usedSize / 2 ** 20, 1), totalMb: round(usage.totalSize / 2 ** 20, 1) };
}

/**
 * One cycle over 100,000 orders and 10,000 linked deals with 1,000 linked orders changed
 * (a mapped workflow action each), timed from "Sync now" to the cycle's end, and the
 * service worker's JS heap after it (CDP Runtime.getHeapUsage on the worker target, after a GC).
 * With `latencyMs`, the simulator serves as a hosted shop (sim/latency.ts) from the moment the
 * changes are made: the cursors are placed, as they were long ago on a running installation,
 * at loopback speed.
 */
export async function measureScale(
  changed = 1000,
  { latencyMs = 0 }: { latencyMs?: number } = {},
): Promise<ScaleResult> {
  const sim = await startSimulator({ seed: { orders: 100_000, deals: 20_000 } });
  let h: Harness | null = null;
  try {
    h = await launchExtension(sim);
    await configureExtension(h, soakSettings());
    await swCycle(h); // places the cursors
    await swCycle(h);
    const links = [...sim.state.deals.values()].filter((d) => d.externalId?.startsWith('shop:'));
    const MAPPED = ['process', 'pay', 'ship'];
    let count = 0;
    for (const deal of links) {
      if (count >= changed) break;
      const orderId = Number(deal.externalId!.slice(5));
      if (deal.statusId !== 'OPEN' || deal.funnelId !== 1) continue;
      const action = sim.state.availableOrderActions(orderId, ADMIN).find((a) => MAPPED.includes(a.id));
      if (!action) continue;
      sim.state.runOrderAction(orderId, action.id, ADMIN);
      count++;
    }
    if (latencyMs > 0) sim.hosting.configure({ latencyMs });
    sim.hosting.resetStats();
    const seq = lastSeq(sim);
    const effectsBefore = sim.log.effects().length;
    const started = Date.now();
    // The worker stamps the cycle's end (lastSyncAt, same machine clock): polling seldom keeps
    // the measurement's own status reads out of the cycle it measures.
    const done = await swCycle(h, 600_000, 500);
    const cycleMs = (done.status.lastSyncAt ?? Date.now()) - started;
    const requests = apiRequestsSince(sim, seq);
    const hosting = latencyMs > 0 ? sim.hosting.stats() : undefined;
    // The figures below are the simulator's own: measured at loopback speed.
    sim.hosting.configure({ latencyMs: 0 });
    const effects = sim.log.effects().length - effectsBefore;
    const heap = await workerHeap(h);
    const byMethod = requestBreakdown(sim, seq);
    const serverMs = await serverTimes(
      sim,
      links.slice(0, 40).map((d) => ({ dealId: d.id, orderId: Number(d.externalId!.slice(5)) })),
    );
    return {
      orders: sim.state.orders.count,
      links: links.length,
      changed: count,
      cycleMs,
      requests,
      heapUsedMb: heap.usedMb,
      heapTotalMb: heap.totalMb,
      effects,
      byMethod,
      serverMs,
      ...(hosting ? { hosting } : {}),
    };
  } finally {
    await h?.close();
    await sim.close();
  }
}

export { workerHeap, workerHeapNow };
