import { startSimulator } from '../../sim/server';
import type { FaultRule } from '../../sim/faults';
import { DEFAULT_RETRY_POLICY } from '../../utils/sync/model/retry';
import type { Settings } from '../../utils/settings/schema';
import type { SyncItem, SyncStatus } from '../../utils/messaging/models';
import { launchExtension, type Harness } from '../e2e/harness';
import { NodeBrowser } from './node-sync';
import { createRng, type Rng } from './prng';
import { EffectLedger } from './ledger';
import { allOrderIds, dealsOfOrder, pairSnapshot, sameSnapshot } from './pairs';
import { applyChange, soakSettings, pickBulkAction, pickChange, CUSTOMERS, type Change } from './soak';

/**
 * The browser-driven part of the soak: the built extension in Chromium runs the cycles in its
 * real service worker, which is stopped the way Chrome stops it (Target.closeTarget), while
 * faults and user changes come as in the node part. A clean node run of the same changes
 * is the yardstick. Slower per cycle (real time: backoffs and leases are waited for), so it
 * runs fewer cycles; "hang" faults are left to the node part (each costs the client's 20 s timeout).
 */
export interface BrowserSoakOptions {
  seed: number;
  cycles: number;
  workerStopEvery: number;
  faultChance: number;
  userChangesPerCycle: number;
  /** Also stop the worker in the middle of a cycle (the next cycle then waits for the dead worker's 45 s lease). */
  midCycleStops?: boolean;
  log?: (line: string) => void;
}

export interface BrowserSoakReport {
  ok: boolean;
  cycles: number;
  userChanges: number;
  newOrders: number;
  faults: number;
  workerStops: number;
  pairsCompared: number;
  violations: string[];
  problems: string[];
  durationMs: number;
}

const FAULT_KINDS = ['status5xx', 'rateLimited', 'reset', 'malformed', 'appliedThen500', 'html'] as const;
const FAULT_TARGETS: FaultRule['match'][] = [
  { apiMethod: 'shop.order.search' },
  { apiMethod: 'shop.order.log' },
  { apiMethod: 'shop.order.action' },
  { apiMethod: 'crm.history' },
  { apiMethod: 'crm.deal.info' },
  { apiMethod: 'crm.deal.move' },
  { apiMethod: 'crm.deal.close' },
  { path: '/webasyst/crm/' },
];

interface StatusReply {
  status: SyncStatus;
  pending: SyncItem[];
  problems: SyncItem[];
}

/** Problems that only faults can leave behind (the clean run never has them). */
const FAULT_CASUALTIES = new Set(['retries_exhausted', 'create_unverified', 'duplicate_deals']);

/** The worker's outbox with problem codes, read from an extension page (same origin, same IndexedDB). */
async function workerOutbox(
  h: Harness,
): Promise<Array<{ id: string; status: string; code: string | null; lastError: string | null }>> {
  const page = await h.extensionPage('popup');
  try {
    return await page.evaluate(
      () =>
        new Promise<Array<{ id: string; status: string; code: string | null; lastError: string | null }>>(
          (resolve, reject) => {
            const open = indexedDB.open('dealbridge-sync');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              const all = db.transaction('outbox').objectStore('outbox').getAll();
              all.onsuccess = () => {
                db.close();
                resolve(
                  all.result.map((i) => ({
                    id: i.id,
                    status: i.status,
                    code: i.problem?.code ?? null,
                    lastError: i.lastError ?? null,
                  })),
                );
              };
              all.onerror = () => reject(all.error);
            };
          },
        ),
    );
  } finally {
    await page.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one cycle in the service worker ("Sync now") and waits until it has finished. */
export async function swCycle(h: Harness, timeoutMs = 120_000, pollMs = 100): Promise<StatusReply> {
  const before = (await h.send<StatusReply>('status.get', { activityLimit: 0 })).status.lastSyncAt ?? 0;
  await h.send('sync.now', {});
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await sleep(pollMs);
    const reply = await h.send<StatusReply>('status.get', { activityLimit: 0 });
    if (!reply.status.syncing && (reply.status.lastSyncAt ?? 0) > before) return reply;
    if (Date.now() > deadline) throw new Error('The service worker did not finish a sync cycle in time');
  }
}

export async function configureExtension(h: Harness, settings: Settings): Promise<void> {
  await h.updateSettings({
    mappings: settings.mappings,
    autoCreate: settings.autoCreate,
    closeRules: settings.closeRules,
    sync: settings.sync,
  });
}

export async function runBrowserSoak(options: BrowserSoakOptions): Promise<BrowserSoakReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const rng: Rng = createRng(options.seed);
  const sim = await startSimulator({ seed: 'demo' });
  const clean = await startSimulator({ seed: 'demo' });
  const settings = soakSettings();
  const cleanBrowser = new NodeBrowser(clean, {
    settings,
    random: createRng(options.seed ^ 0xc1ea),
    policy: DEFAULT_RETRY_POLICY,
    timeoutMs: 5_000,
  });
  const ledger = new EffectLedger(sim);
  const skus = sim.state.catalog.map((s) => s.skuId);
  let h: Harness | null = null;
  let userChanges = 0;
  let newOrders = 0;
  let faults = 0;
  let workerStops = 0;
  const violations: string[] = [];
  try {
    h = await launchExtension(sim);
    await configureExtension(h, settings);
    await swCycle(h);
    await cleanBrowser.cycle();
    const lastChange = new Map<number, number>();
    let observedThrough = 0;

    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      const status = await h.send<StatusReply>('status.get', { activityLimit: 0 });
      const busy = new Set(
        status.pending
          .flatMap((item) => [item.orderId, ...(item.dealId ? [item.dealId] : [])])
          .filter((x): x is number => x !== null),
      );
      const freePairs = () =>
        allOrderIds(sim).filter(
          (id) =>
            (lastChange.get(id) ?? 0) < observedThrough &&
            !busy.has(id) &&
            !dealsOfOrder(sim, id).some((d) => busy.has(d.id)) &&
            sameSnapshot(pairSnapshot(sim, id), pairSnapshot(clean, id)),
        );
      const make = (change: Change) => {
        ledger.user(() => applyChange(sim, change));
        applyChange(clean, change);
        if (change.kind !== 'new_order') lastChange.set(change.orderId, cycle);
        else newOrders++;
        userChanges++;
      };
      // Now and then a bulk action from Shop's order list: the sync moves those deals in bulk.
      if (rng.chance(0.15)) for (const change of pickBulkAction(rng, sim, freePairs())) make(change);
      for (let i = 0; i < options.userChangesPerCycle; i++) {
        let change: Change | null = null;
        if (rng.chance(0.25))
          change = { kind: 'new_order' as const, contactId: rng.pick(CUSTOMERS), skuId: rng.pick(skus) };
        else {
          const candidates = freePairs();
          if (!candidates.length) continue;
          change = pickChange(rng, sim, rng.pick(candidates));
        }
        if (change) make(change);
      }
      for (let k = 0; k < 3; k++) await cleanBrowser.cycle();

      const rules: number[] = [];
      if (rng.chance(options.faultChance)) {
        const kind = rng.pick(FAULT_KINDS);
        rules.push(
          sim.faults.add({
            match: rng.pick(FAULT_TARGETS),
            kind,
            times: 1,
            ...(kind === 'rateLimited' ? { retryAfter: 1 } : {}),
          } as FaultRule),
        );
        faults++;
      }
      const stop =
        options.workerStopEvery > 0 &&
        (cycle % options.workerStopEvery === 0 || rng.chance(0.5 / options.workerStopEvery));
      if (stop && options.midCycleStops && rng.chance(0.5)) {
        await h.send('sync.now', {});
        await sleep(rng.int(200));
        await h.stopServiceWorker();
        workerStops++;
        log(`cycle ${cycle}: worker stopped mid-cycle`);
        // The dead worker's lease (45 s) must run out before the next cycle can start.
        await sleep(46_000);
        await swCycle(h, 180_000);
      } else {
        const after = await swCycle(h);
        if (after.status.lastError === null) observedThrough = cycle;
        if (stop) {
          await h.stopServiceWorker();
          workerStops++;
          log(`cycle ${cycle}: worker stopped between cycles`);
        }
      }
      for (const id of rules) sim.faults.remove(id);
      if (cycle % 10 === 0)
        log(
          `browser cycle ${cycle}/${options.cycles}: ${userChanges} user changes, ${faults} faults, ${workerStops} worker stops`,
        );
    }

    // Faults off: catch up. Items waiting for a backoff come due within the policy's first steps.
    sim.faults.clear();
    let status = await swCycle(h);
    for (let k = 0; k < 12 && status.status.pendingCount > 0; k++) {
      await sleep(Math.min(DEFAULT_RETRY_POLICY.maxMs, DEFAULT_RETRY_POLICY.baseMs * 2 ** k));
      status = await swCycle(h);
    }
    status = await swCycle(h);
    await cleanBrowser.cycle();

    const ids = allOrderIds(sim);
    for (const id of ids) {
      const a = pairSnapshot(sim, id);
      const b = pairSnapshot(clean, id);
      if (!sameSnapshot(a, b))
        violations.push(`order ${id}: browser ${JSON.stringify(a)} vs clean ${JSON.stringify(b)}`);
      if (dealsOfOrder(sim, id).length > 1) violations.push(`order ${id} has ${dealsOfOrder(sim, id).length} deals`);
    }
    violations.push(...ledger.doubles());
    for (const item of status.pending) violations.push(`left pending: ${item.id} ${item.effect}`);
    const problems = status.problems.map((p) => `${p.id}: ${p.problem ?? '?'} — ${p.reason}`);
    for (const item of await workerOutbox(h)) {
      if (item.status === 'problem' && FAULT_CASUALTIES.has(item.code ?? ''))
        violations.push(`fault casualty: ${item.id} ${item.code} (${item.lastError ?? ''})`);
    }
    return {
      ok: violations.length === 0,
      cycles: options.cycles,
      userChanges,
      newOrders,
      faults,
      workerStops,
      pairsCompared: ids.length,
      violations,
      problems,
      durationMs: Date.now() - started,
    };
  } finally {
    await h?.close();
    await sim.close();
    await clean.close();
  }
}

export function browserVerdictLine(r: BrowserSoakReport): string {
  return `browser soak ${r.ok ? 'PASS' : 'FAIL'}: ${r.cycles} cycles, ${r.faults} faults, ${r.workerStops} service-worker stops, ${r.userChanges} user changes (${r.newOrders} new orders), ${r.pairsCompared} pairs, ${r.violations.length} violations, ${r.problems.length} parked problems, ${(r.durationMs / 1000).toFixed(0)} s`;
}
