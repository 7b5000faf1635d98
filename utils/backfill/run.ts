import type { Settings } from '../settings/schema';
import type { BackfillStore } from '../db/backfill';
import type { WrittenLink } from '../db/echoes';
import type { ActivityEntry } from '../messaging/models';
import { writeLinkedDeal, type LinkedDealOutcome } from '../sync/apply/linked-deal';
import { classifyFailure } from '../sync/model/failure';
import { exhausted, retryDelay, type RetryPolicy } from '../sync/model/retry';
import type { BackfillPorts } from './ports';
import { retryingReads } from './retrying';
import { countOrders, createTarget, decideFor, eachOrder, readDealIndex } from './plan';
import {
  rowOf,
  zeroCounts,
  type BackfillFilters,
  type BackfillOrder,
  type BackfillResult,
  type BackfillRow,
  type BackfillRun,
  type DealIndex,
} from './model';
import { t } from './i18n';

export interface BackfillDeps {
  ports: BackfillPorts;
  store: BackfillStore;
  settings: () => Settings;
  now: () => number;
  random: () => number;
  policy: RetryPolicy;
  /**
   * The random pause before a write (automatic creation's), taken only once another runner was
   * seen writing the same orders: the re-reads before and after each write keep one deal per
   * order either way; the pause spares the deal made and deleted when two runners collide. A
   * backfill alone would spend most of its time in it.
   */
  jitterMs: number;
  /** Orders worked on at once: the sync's own apply concurrency, so a backfill is no ruder than a sync. */
  concurrency: number;
  activity: (entry: ActivityEntry) => Promise<void>;
  /** Each step's links written (and verified), for the sync: its next cycle need not read the new deals back. */
  linksWritten: (written: WrittenLink[]) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  newId?: () => string;
}

type Outcome = Omit<BackfillResult, 'seq'>;

/** Starts a run over the filters (the previous run's results go). */
export async function startBackfill(deps: BackfillDeps, filters: BackfillFilters): Promise<BackfillRun> {
  const now = deps.now();
  const run: BackfillRun = {
    id: deps.newId?.() ?? `${now.toString(36)}-${Math.round(deps.random() * 1e9).toString(36)}`,
    status: 'running',
    filters,
    total: await countOrders(retryingReads(deps.ports, deps), filters, now),
    cursor: 0,
    counts: zeroCounts(),
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
    inFlight: null,
    activeMs: 0,
    lastError: null,
  };
  await deps.store.startRun(run);
  return run;
}

/** Pause, resume or cancel: only a run that is not over changes. */
export async function setBackfillStatus(
  deps: Pick<BackfillDeps, 'store' | 'now'>,
  status: 'running' | 'paused' | 'cancelled',
): Promise<BackfillRun | null> {
  const run = await deps.store.getRun();
  if (!run || run.status === 'done' || run.status === 'cancelled') return run;
  const next: BackfillRun = {
    ...run,
    status,
    updatedAt: deps.now(),
    lastError: status === 'running' ? null : run.lastError,
    finishedAt: status === 'cancelled' ? deps.now() : null,
  };
  await deps.store.putRun(next);
  return next;
}

/**
 * Works the running backfill on from its cursor until it is done, paused, cancelled or told to
 * stop (`shouldStop`: the worker is going away). Orders are taken in id order, a few at once;
 * each step's results and the cursor past them are stored together.
 */
export async function runBackfill(
  deps: BackfillDeps,
  options: { shouldStop?: () => boolean } = {},
): Promise<BackfillRun | null> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let run = await deps.store.getRun();
  if (run?.status !== 'running') return run;
  // A write of a stopped worker may still be running on the server: look once it must be done.
  if (run.inFlight) {
    const wait = run.inFlight.sentAt + deps.policy.lostWriteSettleMs - deps.now();
    if (wait > 0) await sleep(wait);
  }
  const resumedAfter = run.inFlight?.orderId ?? 0;
  const reads = retryingReads(deps.ports, { policy: deps.policy, random: deps.random, sleep });
  const index = await readDealIndex(reads);
  const settings = deps.settings();
  let stopped = false;
  const contention = { seen: false };

  await eachOrder(reads, run.filters, run.cursor, deps.now(), async (page, lastId) => {
    for (let i = 0; i < page.length; i += deps.concurrency) {
      const latest = await deps.store.getRun();
      if (!latest || latest.id !== run!.id || latest.status !== 'running' || options.shouldStop?.()) {
        stopped = true;
        return false;
      }
      run = latest;
      const chunk = page.slice(i, i + deps.concurrency);
      const started = deps.now();
      let marked: Promise<void> | null = null;
      const markInFlight = () =>
        (marked ??= deps.store
          .putRun({ ...run!, inFlight: { orderId: chunk.at(-1)!.id, sentAt: deps.now() } }, [], { keepStatus: true })
          .then(() => undefined));
      const outcomes = await Promise.all(
        chunk.map((order) =>
          backfillOrder(deps, order, index, settings, {
            markInFlight,
            maybeOurs: order.id <= resumedAfter,
            sleep,
            contention,
          }),
        ),
      );
      const stop = outcomes.find((o): o is { stop: string } => 'stop' in o);
      if (stop) {
        // No session or token: every order would fail the same way. Paused until a person acts.
        run = await deps.store.putRun({
          ...run,
          status: 'paused',
          lastError: stop.stop,
          updatedAt: deps.now(),
          activeMs: run.activeMs + deps.now() - started,
        });
        stopped = true;
        return false;
      }
      const results = (outcomes as Outcome[]).map((o, k) => ({ ...o, seq: run!.counts.done + k }));
      for (const r of results) index.linkedOrders.add(r.orderId);
      await deps.linksWritten(
        results.flatMap((r) =>
          (r.outcome === 'created' || r.outcome === 'linked') && r.dealId !== null
            ? [{ orderId: r.orderId, dealId: r.dealId, bound: r.outcome === 'linked', at: deps.now() }]
            : [],
        ),
      );
      run = {
        ...run,
        cursor: chunk.at(-1)!.id,
        counts: tally(run.counts, results),
        inFlight: null,
        activeMs: run.activeMs + deps.now() - started,
        updatedAt: deps.now(),
      };
      // A pause or cancel clicked while the step ran stays: the next step sees it and stops.
      run = await deps.store.putRun(run, results, { keepStatus: true });
    }
    // Orders of other storefronts on this page are passed over too.
    if (lastId > run!.cursor)
      run = await deps.store.putRun({ ...run!, cursor: lastId, updatedAt: deps.now() }, [], { keepStatus: true });
    return true;
  });
  if (stopped || run.status !== 'running') return run;
  run = {
    ...run,
    status: 'done',
    finishedAt: deps.now(),
    updatedAt: deps.now(),
    total: Math.max(run.total, run.counts.done),
  };
  await deps.store.putRun(run);
  // The run's id keeps the entry single should the worker stop right after writing it.
  await deps.activity({
    id: `backfill:${run.id}`,
    at: deps.now(),
    kind: 'backfill_done',
    outcome: 'applied',
    to: t('summary', run.counts),
    orderId: null,
    orderNumber: null,
    dealId: null,
    dealName: null,
    from: null,
    rule: null,
    funnelName: null,
    trigger: null,
  });
  return run;
}

function tally(counts: BackfillRun['counts'], results: readonly BackfillResult[]): BackfillRun['counts'] {
  const next = { ...counts, done: counts.done + results.length };
  for (const r of results) {
    if (r.outcome === 'linked') next.linked++;
    else if (r.outcome === 'created') next.created++;
    else if (r.outcome === 'skipped') next.skipped++;
    else next.problems++;
  }
  return next;
}

interface OrderStep {
  markInFlight: () => Promise<void>;
  /** The order of a write the stopped worker had in flight: a deal found linked may be ours. */
  maybeOurs: boolean;
  sleep: (ms: number) => Promise<void>;
  /** Set once another runner's write is seen; from then on every write pauses first. */
  contention: { seen: boolean };
}

/** One order: decided against the deals read at the start, written through automatic creation's path, retried with backoff. */
async function backfillOrder(
  deps: BackfillDeps,
  order: BackfillOrder,
  index: DealIndex,
  settings: Settings,
  { markInFlight, maybeOurs, sleep, contention }: OrderStep,
): Promise<Outcome | { stop: string }> {
  const decision = decideFor(order, index, settings);
  const row = rowOf(order, decision);
  if (decision.action === 'skip') return { ...row, outcome: 'skipped', note: null };
  // A bind ignores funnel, stage and owner; the endpoint still wants them.
  const target = createTarget(settings, order.storefront) ?? { funnelId: 1, stageId: 1, ownerId: null };
  let wrote = maybeOurs;
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await writeLinkedDeal(
        { ports: deps.ports, random: deps.random, jitterMs: contention.seen ? deps.jitterMs : 0, sleep },
        {
          orderId: order.id,
          contactId: order.contactId!,
          ...target,
          bindDealId: decision.action === 'link' ? decision.deal.id : null,
        },
        {
          beforeWrite: async () => {
            wrote = true;
            await markInFlight();
          },
        },
      );
      if (byAnotherRunner(outcome, wrote)) contention.seen = true;
      return outcomeOf(row, outcome, wrote);
    } catch (error) {
      const failure = classifyFailure(error, true);
      if (failure.kind === 'session' || failure.kind === 'auth') return { stop: failure.message };
      const retryable = failure.kind === 'uncertain' || failure.kind === 'transient' || failure.kind === 'rate';
      if (!retryable || exhausted(attempt, deps.policy))
        return { ...row, outcome: 'problem', note: failure.message.slice(0, 500) };
      let wait = retryDelay(attempt, deps.policy, deps.random, failure.retryAfterMs);
      // A write with no answer may still run on the server: the next re-read waits until it must be done.
      if (wrote && !failure.answered) wait = Math.max(wait, deps.policy.lostWriteSettleMs);
      await sleep(wait);
    }
  }
}

/** A link we did not write appeared while we worked on the order: someone else is linking these orders now. */
function byAnotherRunner(outcome: LinkedDealOutcome, wrote: boolean): boolean {
  return outcome.kind === 'raced' || outcome.kind === 'bind_gone' || (outcome.kind === 'already' && !wrote);
}

function outcomeOf(row: BackfillRow, outcome: LinkedDealOutcome, wrote: boolean): Outcome {
  const linked = (dealId: number, dealName: string) => ({ ...row, dealId, dealName });
  switch (outcome.kind) {
    case 'already': {
      const { keep } = outcome;
      if (wrote && (row.action === 'create' || keep.id === row.dealId)) {
        return {
          ...linked(keep.id, keep.name),
          outcome: row.action === 'link' ? 'linked' : 'created',
          note: t('foundAfterLostReply'),
        };
      }
      return {
        ...linked(keep.id, keep.name),
        action: 'skip',
        reason: 'linked',
        outcome: 'skipped',
        note: t('linkedMeanwhile', { deal: keep.id }),
      };
    }
    case 'bind_gone':
      return { ...row, outcome: 'problem', note: t('bindGone') };
    case 'unverified':
      return { ...row, outcome: 'problem', note: t('unverified') };
    case 'written':
      return {
        ...linked(outcome.keep.id, outcome.keep.name),
        outcome: row.action === 'link' ? 'linked' : 'created',
        note: null,
      };
    case 'raced':
      if (outcome.deleted) {
        return {
          ...linked(outcome.keep.id, outcome.keep.name),
          action: 'skip',
          reason: 'linked',
          outcome: 'skipped',
          note: t('linkedMeanwhile', { deal: outcome.keep.id }),
        };
      }
      return {
        ...row,
        outcome: 'problem',
        note: t('duplicates', { deals: outcome.linked.map((d) => `#${d.id}`).join(', '), keep: outcome.keep.id }),
      };
  }
}
