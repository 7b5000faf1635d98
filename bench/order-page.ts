import type { CDPSession, Page } from 'puppeteer';
import type { Sim } from '../sim/server';
import { launchExtension, type Harness } from '../tests/e2e/harness';
import { percentile, round, trimmedMean } from './stats';
import { ADMIN, CUSTOMERS } from '../tests/reliability/soak';

/**
 * Order-page measurements in headless Chromium: how fast the control lands in a new order
 * block, and how much main-thread time the content script adds to one order view.
 */
const CONTROL = '[data-dealbridge="order-control"]';

/**
 * Installed in the page's own world before its scripts run. A MutationObserver created this
 * early is notified before any observer of the content script, so for each inserted
 * #s-order-block it stamps performance.now() in the first callback after the insertion, and
 * again in the callback that first sees the control inside that block.
 */
const PAGE_PROBE = `(() => {
  const entries = [];
  window.__dealbridgeBench = {
    count: () => entries.length,
    done: (index) => entries[index] != null && entries[index].controlAt != null,
    durations: () => entries.map((e) => (e.controlAt == null ? null : e.controlAt - e.insertedAt)),
  };
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const block = node.id === 's-order-block' ? node : node.querySelector('#s-order-block');
        if (block && !entries.some((e) => e.block === block)) entries.push({ block, insertedAt: now, controlAt: null });
      }
    }
    for (const entry of entries) {
      if (entry.controlAt === null && entry.block.isConnected && entry.block.querySelector(${JSON.stringify(CONTROL)})) entry.controlAt = now;
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

const orderUrl = (sim: Sim, id: number) => new URL(`webasyst/shop/?action=orders#/order/${id}/`, sim.url).toString();

/** Order ids to visit: every order of the demo seed, round and round, never the same twice in a row. */
function visitPlan(count: number, ids: number[]): number[] {
  return Array.from({ length: count }, (_, i) => ids[(i + 1) % ids.length]);
}

async function goToOrder(page: Page, id: number): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/order/${id}/`);
}

export interface InjectResult {
  samples: number[];
  p50: number;
  p95: number;
  missing: number;
}

/** What PAGE_PROBE leaves on the page's window. */
type BenchProbeWindow = Window & {
  __dealbridgeBench: { count(): number; done(index: number): boolean; durations(): Array<number | null> };
  __dealbridgeVisible: {
    count(): number;
    done(index: number): boolean;
    durations(): Array<{ orderId: number; ms: number } | null>;
  };
};

/** Block insertion → control in the block, over `navigations` hash navigations. */
export async function measureInjection(h: Harness, orderIds: number[], navigations: number): Promise<InjectResult> {
  const page = await h.newPage();
  // A string, not a function: the TypeScript loader's helpers do not exist in the page.
  await page.evaluateOnNewDocument(PAGE_PROBE);
  await page.goto(orderUrl(h.sim, orderIds[0]), { waitUntil: 'domcontentloaded' });
  // The first block may be on the page before the content script starts: only navigations count.
  await page.waitForSelector(`#s-order-block ${CONTROL}`, { timeout: 30_000 });
  let missing = 0;
  for (const id of visitPlan(navigations, orderIds)) {
    const before = await page.evaluate(
      () => (window as unknown as BenchProbeWindow).__dealbridgeBench.count() as number,
    );
    await goToOrder(page, id);
    try {
      await page.waitForFunction(
        (i) => (window as unknown as BenchProbeWindow).__dealbridgeBench.done(i),
        { timeout: 10_000, polling: 10 },
        before,
      );
    } catch {
      missing++;
    }
  }
  const all = (await page.evaluate(() =>
    (window as unknown as BenchProbeWindow).__dealbridgeBench.durations(),
  )) as Array<number | null>;
  await page.close();
  const samples = all.slice(1).filter((d): d is number => d !== null);
  return { samples, p50: round(percentile(samples, 50), 3), p95: round(percentile(samples, 95), 3), missing };
}

/**
 * Installed like PAGE_PROBE. For each inserted #s-order-block it stamps the insertion, then
 * the moment the control inside that block shows the linked deal's name — the name expected
 * for the order the location names, not the one the control showed for the order before.
 * The control draws in its own shadow root, which observers of the document do not see: the
 * probe observes that root too, once the control's host is in the page.
 */
const VISIBLE_PROBE = (expected: Record<number, string>) => `(() => {
  const expected = ${JSON.stringify(expected)};
  const entries = [];
  const watched = new WeakSet();
  window.__dealbridgeVisible = {
    count: () => entries.length,
    done: (index) => entries[index] != null && entries[index].visibleAt != null,
    durations: () => entries.map((e) => (e.visibleAt == null ? null : { orderId: e.orderId, ms: e.visibleAt - e.insertedAt })),
  };
  const check = (now) => {
    for (const entry of entries) {
      if (entry.visibleAt !== null || !entry.block.isConnected) continue;
      const host = entry.block.querySelector(${JSON.stringify(CONTROL)});
      if (!host || !host.shadowRoot) continue;
      if (!watched.has(host.shadowRoot)) {
        watched.add(host.shadowRoot);
        new MutationObserver(() => check(performance.now())).observe(host.shadowRoot, { childList: true, subtree: true, characterData: true });
      }
      const name = host.shadowRoot.querySelector('[data-dealbridge="linked-deal"]');
      if (name && name.textContent === expected[entry.orderId]) entry.visibleAt = now;
    }
  };
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const block = node.id === 's-order-block' ? node : node.querySelector('#s-order-block');
        const match = /#\\/order\\/(\\d+)\\//.exec(location.hash);
        if (block && match && !entries.some((e) => e.block === block)) entries.push({ block, orderId: Number(match[1]), insertedAt: now, visibleAt: null });
      }
    }
    check(now);
  }).observe(document, { childList: true, subtree: true });
})();`;

export interface VisibleResult {
  samples: number[];
  p50: number;
  p95: number;
  /** Navigations after which the name did not appear within 10 s. */
  missing: number;
}

/**
 * Revisits of linked orders: block insertion → the linked deal's name in the control, over
 * `navigations` hash navigations alternating between `orderIds` (each shown once before, so
 * every counted view is a revisit, shown from the last known summary and refreshed behind).
 */
export async function measureLinkedVisible(
  h: Harness,
  orderIds: number[],
  navigations: number,
): Promise<VisibleResult> {
  const expected: Record<number, string> = {};
  for (const id of orderIds) {
    const deal = h.sim.state.dealForOrder(id);
    if (!deal) throw new Error(`Order ${id} has no linked deal`);
    expected[id] = deal.name;
  }
  if (new Set(Object.values(expected)).size !== orderIds.length)
    throw new Error('The linked deals need distinct names to be told apart');
  const page = await h.newPage();
  await page.evaluateOnNewDocument(VISIBLE_PROBE(expected));
  await page.goto(orderUrl(h.sim, orderIds[0]), { waitUntil: 'domcontentloaded' });
  await page.waitForSelector(`#s-order-block ${CONTROL}`, { timeout: 30_000 });
  // The first navigations show the other orders for the first time; `navigations` revisits follow.
  const plan = visitPlan(navigations + orderIds.length - 1, orderIds);
  let missing = 0;
  for (const id of plan) {
    const before = await page.evaluate(
      () => (window as unknown as BenchProbeWindow).__dealbridgeVisible.count() as number,
    );
    await goToOrder(page, id);
    try {
      await page.waitForFunction(
        (i) => (window as unknown as BenchProbeWindow).__dealbridgeVisible.done(i),
        { timeout: 10_000, polling: 10 },
        before,
      );
    } catch {
      missing++;
    }
  }
  const all = (await page.evaluate(() =>
    (window as unknown as BenchProbeWindow).__dealbridgeVisible.durations(),
  )) as Array<{
    orderId: number;
    ms: number;
  } | null>;
  await page.close();
  // The page load's block, and the first navigation to each order (first views), are not revisits.
  const counted = all.slice(1 + (orderIds.length - 1));
  const samples = counted.filter((d): d is { orderId: number; ms: number } => d !== null).map((d) => d.ms);
  return { samples, p50: round(percentile(samples, 50), 3), p95: round(percentile(samples, 95), 3), missing };
}

interface Metrics {
  script: number;
  task: number;
}

async function readMetrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { script: get('ScriptDuration'), task: get('TaskDuration') };
}

interface Viewer {
  page: Page;
  cdp: CDPSession;
}

async function openViewer(h: Harness, firstId: number): Promise<Viewer> {
  const page = await h.newPage();
  await page.goto(orderUrl(h.sim, firstId), { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#s-order-block', { timeout: 30_000 });
  const cdp = await page.createCDPSession();
  // Thread CPU time rather than wall time: waiting for the network or the background counts for nothing.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { page, cdp };
}

/** One order view: navigate, wait for the block and a quiet period (the control's data arrives after a message round trip). */
async function oneView(v: Viewer, id: number, settleMs: number): Promise<Metrics> {
  await v.page.evaluate(() => {
    const block = document.querySelector('#s-order-block') as (Element & { __seen?: boolean }) | null;
    if (block) block.__seen = true;
  });
  const before = await readMetrics(v.cdp);
  await goToOrder(v.page, id);
  await v.page.waitForFunction(
    () => {
      const block = document.querySelector('#s-order-block') as (Element & { __seen?: boolean }) | null;
      return !!block && !block.__seen;
    },
    { timeout: 10_000, polling: 20 },
  );
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const after = await readMetrics(v.cdp);
  return { script: after.script - before.script, task: after.task - before.task };
}

/**
 * Orders for first views: `count` new orders of the demo customers, every other one with a
 * linked deal (so the control shows both its faces), none of them shown before.
 */
export function addFirstViewOrders(sim: Sim, count: number): number[] {
  const skus = sim.state.catalog.map((s) => s.skuId);
  return Array.from({ length: count }, (_, i) => {
    const contactId = CUSTOMERS[i % CUSTOMERS.length];
    const order = sim.state.addOrder({
      contactId,
      items: [{ skuId: skus[i % skus.length], quantity: 1 + (i % 3) }],
      storefront: '',
      actorId: ADMIN,
    });
    if (i % 2 === 0)
      sim.state.addDeal(
        { name: `Order ${order.id}`, stageId: 1, contactId, amount: order.total, externalId: `shop:${order.id}` },
        ADMIN,
      );
    return order.id;
  });
}

export interface OverheadResult {
  views: number;
  withExtension: Metrics;
  without: Metrics;
  overheadTaskMs: number;
  overheadScriptMs: number;
}

/** Which order views are measured: ids shown again and again, or each shown once. */
export type ViewPlan = { kind: 'revisits'; orderIds: number[]; views: number } | { kind: 'first'; orderIds: number[] };

const WARM_UP = 3;

/**
 * A/B: the same order views in a browser where the content script runs (connected) and in
 * one where it does not (same build, not connected, so no content script is registered),
 * interleaved view by view so that machine noise falls on both alike. The first ids of the
 * plan open the page and warm it up; the rest are measured.
 */
export async function measureOverhead(
  sim: Sim,
  withExtension: Harness,
  plan: ViewPlan,
  settleMs = 400,
): Promise<OverheadResult> {
  const { orderIds } = plan;
  const measured = plan.kind === 'revisits' ? visitPlan(plan.views, orderIds) : orderIds.slice(WARM_UP + 1);
  const plain = await launchExtension(sim, { connect: false });
  try {
    const a = await openViewer(withExtension, orderIds[0]);
    const b = await openViewer(plain, orderIds[0]);
    await a.page.waitForSelector(CONTROL, { timeout: 30_000 });
    const samplesA: Metrics[] = [];
    const samplesB: Metrics[] = [];
    // Warm-up: first views compile code on both sides.
    for (const id of orderIds.slice(1, WARM_UP + 1)) {
      await oneView(a, id, settleMs);
      await oneView(b, id, settleMs);
    }
    for (const id of measured) {
      samplesA.push(await oneView(a, id, settleMs));
      samplesB.push(await oneView(b, id, settleMs));
    }
    if (await b.page.$(CONTROL))
      throw new Error('The baseline browser runs the content script: the comparison would be void');
    const avg = (list: Metrics[], key: keyof Metrics) => trimmedMean(list.map((m) => m[key]));
    const A = { script: round(avg(samplesA, 'script'), 3), task: round(avg(samplesA, 'task'), 3) };
    const B = { script: round(avg(samplesB, 'script'), 3), task: round(avg(samplesB, 'task'), 3) };
    await a.page.close();
    return {
      views: measured.length,
      withExtension: A,
      without: B,
      overheadTaskMs: round(A.task - B.task, 3),
      overheadScriptMs: round(A.script - B.script, 3),
    };
  } finally {
    await plain.close();
  }
}
