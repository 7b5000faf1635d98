import { startSimulator, type Sim } from '../../sim/server';
import type { FaultRule } from '../../sim/faults';
import { settingsSchema, SETTINGS_VERSION, type Settings } from '../../utils/settings/schema';
import { DEFAULT_RETRY_POLICY } from '../../utils/sync/model/retry';
import type { OutboxRecord } from '../../utils/sync/model/outbox-types';
import { NodeBrowser } from './node-sync';
import { createRng, type Rng } from './prng';
import { EffectLedger } from './ledger';
import { allOrderIds, dealsOfOrder, pairSnapshot, sameSnapshot } from './pairs';

/**
 * The soak: many sync cycles against a simulated Webasyst that fails in every way it can,
 * with the worker stopped now and then, while a scripted user changes orders and deals on
 * both sides. A second simulator gets the very same user changes and a clean sync after
 * each, and is the yardstick: at the end every pair must be as the clean run left it.
 *
 * The user only touches a pair the faulty run has caught up on (same state as the clean
 * run, nothing pending for it), so both runs see the same sequence of changes per pair and
 * may differ only by what faults did. Everything is drawn from one seeded PRNG.
 */
export const ADMIN = 1;
export const CUSTOMERS = [2, 3, 4, 5, 7];
/** Chance per cycle of a bulk order action (several orders, one action). */
const BULK_ACTION_CHANCE = 0.15;
const USER_ORDER_ACTIONS = new Set([
  'process',
  'pay',
  'ship',
  'complete',
  'delete',
  'restore',
  'comment',
  'refund',
  'fulfilling',
]);
const CYCLE_MS = 60_000;

export const FAULT_KINDS = [
  'status5xx',
  'rateLimited',
  'hang',
  'reset',
  'malformed',
  'appliedThen500',
  'html',
] as const;
const FAULT_TARGETS: FaultRule['match'][] = [
  { apiMethod: 'shop.order.search' },
  { apiMethod: 'shop.order.log' },
  { apiMethod: 'shop.order.actions' },
  { apiMethod: 'shop.order.action' },
  { apiMethod: 'crm.history' },
  { apiMethod: 'crm.deal.info' },
  { apiMethod: 'crm.deal.list' },
  { apiMethod: 'crm.deal.move' },
  { apiMethod: 'crm.deal.close' },
  { apiMethod: 'crm.deal.reopen' },
  { path: '/webasyst/crm/' },
];

export interface SoakOptions {
  seed: number;
  cycles: number;
  /** A worker stop about every this many cycles (at a random request of that cycle). */
  workerStopEvery: number;
  /** Chance that a cycle runs with faults. */
  faultChance: number;
  /** User changes per cycle (each picks a pair that has caught up). */
  userChangesPerCycle: number;
  log?: (line: string) => void;
  /** Called before judging, with both simulators (for investigating a failure). */
  debug?: (faulty: Sim, clean: Sim) => void;
}

export interface ExplainedProblem {
  id: string;
  code: string;
  orderId: number | null;
  explanation: string;
  inCleanRun: boolean;
}

export interface SoakReport {
  ok: boolean;
  seed: number;
  cycles: number;
  userChanges: number;
  newOrders: number;
  faultyCycles: number;
  faultsInjected: Record<string, number>;
  workerStops: number;
  requests: number;
  /** crm.deal.move calls that moved several deals at once (the sync's bulk moves). */
  bulkMoves: number;
  pairsCompared: number;
  mismatches: string[];
  doubles: string[];
  duplicateDeals: string[];
  leftPending: string[];
  problems: ExplainedProblem[];
  unexplained: string[];
  durationMs: number;
}

export function soakSettings(): Settings {
  return settingsSchema.parse({
    version: SETTINGS_VERSION,
    mappings: [
      {
        funnelId: 1,
        rules: [
          { actionId: 'process', target: { kind: 'stage', stageId: 2 } },
          { actionId: 'pay', target: { kind: 'stage', stageId: 3 } },
          { actionId: 'ship', target: { kind: 'stage', stageId: 4 } },
          { actionId: 'complete', target: { kind: 'won' } },
        ],
      },
    ],
    autoCreate: [{ storefront: '', enabled: true, trigger: 'order_create', funnelId: 1, stageId: 1, ownerId: null }],
    sync: { enabled: true, periodMinutes: 1, runsAutomaticSync: true, paused: false },
  });
}

/** One user change, applied identically to both simulators. */
export type Change =
  | { kind: 'order_action'; orderId: number; actionId: string }
  | { kind: 'deal_move'; orderId: number; stageId: number }
  | { kind: 'deal_close'; orderId: number; status: 'WON' | 'LOST' }
  | { kind: 'deal_reopen'; orderId: number }
  | { kind: 'new_order'; contactId: number; skuId: number };

export function applyChange(sim: Sim, change: Change): void {
  const s = sim.state;
  switch (change.kind) {
    case 'order_action':
      s.runOrderAction(change.orderId, change.actionId, ADMIN);
      return;
    case 'deal_move':
      s.moveDeal(dealsOfOrder(sim, change.orderId)[0].id, change.stageId, ADMIN, { force: true });
      return;
    case 'deal_close':
      s.closeDeal(dealsOfOrder(sim, change.orderId)[0].id, change.status, ADMIN, { force: true });
      return;
    case 'deal_reopen':
      s.reopenDeal(dealsOfOrder(sim, change.orderId)[0].id, ADMIN);
      return;
    case 'new_order':
      s.addOrder({
        contactId: change.contactId,
        items: [{ skuId: change.skuId, quantity: 1 }],
        storefront: '',
        actorId: ADMIN,
      });
      return;
  }
}

/** A change that makes sense for this pair now (decided on the faulty side, which equals the clean one for a caught-up pair). */
export function pickChange(rng: Rng, sim: Sim, orderId: number): Change | null {
  const deal = dealsOfOrder(sim, orderId)[0];
  const options: Array<() => Change | null> = [
    () => {
      const actions = sim.state
        .availableOrderActions(orderId, ADMIN)
        .map((a) => a.id)
        .filter((id) => USER_ORDER_ACTIONS.has(id));
      return actions.length ? { kind: 'order_action', orderId, actionId: rng.pick(actions) } : null;
    },
  ];
  if (deal && deal.statusId === 'OPEN') {
    const stages = (sim.state.funnel(deal.funnelId)?.stages ?? [])
      .map((st) => st.id)
      .filter((id) => id !== deal.stageId);
    if (stages.length) options.push(() => ({ kind: 'deal_move', orderId, stageId: rng.pick(stages) }));
    options.push(() => ({ kind: 'deal_close', orderId, status: rng.chance(0.6) ? 'WON' : 'LOST' }));
  }
  if (deal && deal.statusId !== 'OPEN') options.push(() => ({ kind: 'deal_reopen', orderId }));
  return rng.pick(options)();
}

/**
 * A merchant's bulk action in Shop's order list: one action on several orders at once (up
 * to four of those given that offer it). The sync then moves their deals in one bulk call.
 */
export function pickBulkAction(rng: Rng, sim: Sim, candidates: readonly number[]): Change[] {
  const actionId = rng.pick(['process', 'pay', 'ship', 'complete']);
  const offering = candidates.filter((id) => sim.state.availableOrderActions(id, ADMIN).some((a) => a.id === actionId));
  const chosen = new Set<number>();
  for (let i = 0; i < 4 && offering.length; i++) chosen.add(rng.pick(offering));
  return [...chosen].map((orderId) => ({ kind: 'order_action', orderId, actionId }));
}

function randomFault(rng: Rng): FaultRule {
  const kind = rng.pick(FAULT_KINDS);
  return {
    match: rng.pick(FAULT_TARGETS),
    kind,
    times: 1 + rng.int(2),
    ...(kind === 'rateLimited' ? { retryAfter: 1 + rng.int(3) } : {}),
    ...(kind === 'status5xx' ? { status: rng.pick([500, 502, 503, 504]) } : {}),
  } as FaultRule;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const rng = createRng(options.seed);
  const faulty = await startSimulator({ seed: 'demo' });
  const clean = await startSimulator({ seed: 'demo' });
  const settings = soakSettings();
  const faultyBrowser = new NodeBrowser(faulty, {
    settings,
    random: createRng(options.seed ^ 0x5eed),
    policy: DEFAULT_RETRY_POLICY,
    timeoutMs: 600,
  });
  const cleanBrowser = new NodeBrowser(clean, {
    settings,
    random: createRng(options.seed ^ 0xc1ea),
    policy: DEFAULT_RETRY_POLICY,
    timeoutMs: 5_000,
  });
  const ledger = new EffectLedger(faulty);
  const faultsInjected: Record<string, number> = {};
  let userChanges = 0;
  let newOrders = 0;
  let faultyCycles = 0;
  const skus = faulty.state.catalog.map((s) => s.skuId);

  try {
    // The first cycle only places the cursors.
    await faultyBrowser.cycle();
    await cleanBrowser.cycle();

    const pendingFor = (outbox: OutboxRecord[], orderId: number) => {
      const dealIds = new Set(dealsOfOrder(faulty, orderId).map((d) => d.id));
      return outbox.some(
        (item) =>
          item.status === 'pending' &&
          (item.orderId === orderId || (item.dealId !== undefined && dealIds.has(item.dealId))),
      );
    };

    // Per pair, the cycle of its last user change; a change counts as seen once a later
    // faulty cycle read both feeds without an error (and the worker was not stopped).
    const lastChange = new Map<number, number>();
    let observedThrough = 0;

    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      // 1. The user changes things (the same changes on both sides).
      const outbox = await faultyBrowser.outbox();
      const inboxEmpty = (await faultyBrowser.inboxCount()) === 0;
      const freePairs = () =>
        allOrderIds(faulty).filter(
          (id) =>
            (lastChange.get(id) ?? 0) < observedThrough &&
            sameSnapshot(pairSnapshot(faulty, id), pairSnapshot(clean, id)) &&
            !pendingFor(outbox, id),
        );
      const make = (change: Change) => {
        ledger.user(() => applyChange(faulty, change));
        applyChange(clean, change);
        if (change.kind !== 'new_order') lastChange.set(change.orderId, cycle);
        userChanges++;
        if (change.kind === 'new_order') newOrders++;
      };
      // Now and then a bulk action, as from Shop's order list (a pair whose change is still
      // only in the inbox is busy: when unsure, wait).
      if (inboxEmpty && rng.chance(BULK_ACTION_CHANCE))
        for (const change of pickBulkAction(rng, faulty, freePairs())) make(change);
      for (let i = 0; i < options.userChangesPerCycle; i++) {
        let change: Change | null = null;
        if (rng.chance(0.2)) {
          change = { kind: 'new_order', contactId: rng.pick(CUSTOMERS), skuId: rng.pick(skus) };
        } else {
          const candidates = freePairs();
          if (!candidates.length || !inboxEmpty) continue;
          change = pickChange(rng, faulty, rng.pick(candidates));
        }
        if (change) make(change);
      }

      // 2. The clean run syncs at once, until nothing is left to do.
      for (let k = 0; k < 3; k++) await cleanBrowser.cycle();

      // 3. The faulty run: one cycle with faults, sometimes with the worker stopped midway.
      const rules: number[] = [];
      if (rng.chance(options.faultChance)) {
        faultyCycles++;
        const count = 1 + rng.int(3);
        for (let f = 0; f < count; f++) {
          const rule = randomFault(rng);
          faultsInjected[rule.kind] = (faultsInjected[rule.kind] ?? 0) + 1;
          rules.push(faulty.faults.add(rule));
        }
      }
      const stopNow = options.workerStopEvery > 0 && rng.chance(1 / options.workerStopEvery);
      const result = await faultyBrowser.cycle(stopNow ? 1 + rng.int(10) : null, rng.chance(0.5));
      for (const id of rules) faulty.faults.remove(id);
      if (result === 'worker_stopped') log(`cycle ${cycle}: worker stopped`);
      else if (result === 'done' && (await faultyBrowser.lastError()) === null) observedThrough = cycle;

      faultyBrowser.advance(CYCLE_MS);
      cleanBrowser.advance(CYCLE_MS);
      if (cycle % 50 === 0)
        log(
          `cycle ${cycle}/${options.cycles}: ${userChanges} user changes, ${faultyCycles} cycles with faults, ${faultyBrowser.workerStops} worker stops`,
        );
    }

    // 4. Faults off: the faulty run catches up (retries come due as time passes).
    faulty.faults.clear();
    for (let k = 0; k < 12; k++) {
      await faultyBrowser.cycle();
      faultyBrowser.advance(10 * CYCLE_MS);
    }
    for (let k = 0; k < 2; k++) await cleanBrowser.cycle();

    options.debug?.(faulty, clean);
    return await judge();
  } finally {
    await faulty.close();
    await clean.close();
  }

  async function judge(): Promise<SoakReport> {
    const ids = allOrderIds(faulty);
    const mismatches: string[] = [];
    for (const id of ids) {
      const a = pairSnapshot(faulty, id);
      const b = pairSnapshot(clean, id);
      if (!sameSnapshot(a, b))
        mismatches.push(`order ${id}: faulty ${JSON.stringify(a)} vs clean ${JSON.stringify(b)}`);
    }
    const duplicateDeals = ids
      .filter((id) => dealsOfOrder(faulty, id).length > 1)
      .map((id) => `order ${id} has ${dealsOfOrder(faulty, id).length} deals`);
    const outbox = await faultyBrowser.outbox();
    const cleanOutbox = await cleanBrowser.outbox();
    const leftPending = outbox
      .filter((item) => item.status !== 'problem')
      .map((item) => `${item.id} (${item.lastError ?? 'no error'})`);
    if ((await faultyBrowser.inboxCount()) > 0)
      leftPending.push(`${await faultyBrowser.inboxCount()} observed changes not examined`);
    // No action of this soak's workflow refuses to run without its form: a form_refused here is a fault's doing.
    const FAULT_CASUALTIES = new Set(['retries_exhausted', 'create_unverified', 'duplicate_deals', 'form_refused']);
    const problems: ExplainedProblem[] = outbox
      .filter((item) => item.status === 'problem')
      .map((item) => {
        const code = item.problem?.code ?? 'unknown';
        const inCleanRun = cleanOutbox.some(
          (c) => c.status === 'problem' && c.id === item.id && c.problem?.code === code,
        );
        const params = Object.entries(item.problem?.params ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(', ');
        return {
          id: item.id,
          code,
          orderId: item.orderId ?? null,
          explanation: `${code}${params ? ` (${params})` : ''}`,
          inCleanRun,
        };
      });
    const unexplained = problems.filter((p) => FAULT_CASUALTIES.has(p.code)).map((p) => `${p.id}: ${p.explanation}`);
    const doubles = ledger.doubles();
    const ok =
      !mismatches.length && !duplicateDeals.length && !leftPending.length && !unexplained.length && !doubles.length;
    return {
      ok,
      seed: options.seed,
      cycles: options.cycles,
      userChanges,
      newOrders,
      faultyCycles,
      faultsInjected,
      workerStops: faultyBrowser.workerStops,
      requests: faulty.log.entries().length,
      bulkMoves: faulty.log
        .entries()
        .filter(
          (e) => e.apiMethod === 'crm.deal.move' && e.effects.filter((x) => x.startsWith('deal_move:')).length > 1,
        ).length,
      pairsCompared: ids.length,
      mismatches,
      doubles,
      duplicateDeals,
      leftPending,
      problems,
      unexplained,
      durationMs: Date.now() - started,
    };
  }
}

export function verdictLine(report: SoakReport): string {
  const faults = Object.values(report.faultsInjected).reduce((s, n) => s + n, 0);
  const head = report.ok ? 'PASS' : 'FAIL';
  const parts = [
    `${report.cycles} cycles`,
    `${faults} faults in ${report.faultyCycles} cycles`,
    `${report.workerStops} worker stops`,
    `${report.userChanges} user changes (${report.newOrders} new orders)`,
    `${report.bulkMoves} bulk moves`,
    `${report.pairsCompared} pairs as in the clean run: ${report.pairsCompared - report.mismatches.length}`,
    `duplicates ${report.duplicateDeals.length}`,
    `double actions ${report.doubles.length}`,
    `left pending ${report.leftPending.length}`,
    `parked problems ${report.problems.length} (unexplained ${report.unexplained.length})`,
    `seed ${report.seed}`,
  ];
  return `soak ${head}: ${parts.join(', ')}`;
}
