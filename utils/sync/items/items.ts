import { dealUrl, orderUrl, runInShopUrl } from '../../webasyst/urls';
import type { ActivityEntry, SyncItem } from '../../messaging/models';
import {
  outboxOverview,
  countOutbox,
  deleteOutboxItem,
  getOutboxItem,
  outboxForDeal,
  outboxForOrder,
  putOutboxItem,
} from '../../db/outbox';
import { EMPTY_STATE, getMeta } from '../../db/meta';
import { leaseHeld } from '../../db/lease';
import type { OutboxRecord } from '../model/outbox-types';
import { describeEffect, describeProblem, describeReason } from './describe';
import { LIST_CAP } from '../../badge/read-status';

/**
 * What other features read and do with the sync engine's outbox: list pending items and
 * problems (popup, order and deal pages), retry or dismiss a problem, ask for a sync.
 * Without a filter: the oldest LIST_CAP pending items and every problem (counts: getSyncState).
 */
export async function listSyncItems(
  filter: { orderId?: number; dealId?: number } = {},
  /** The order's number as Shop-Script shows it, for items stored without one (the internal id never reaches a person). */
  numberOf?: (orderId: number) => Promise<string>,
): Promise<{
  pending: SyncItem[];
  problems: SyncItem[];
}> {
  let records: OutboxRecord[];
  if (filter.orderId !== undefined && filter.dealId !== undefined) {
    const [a, b] = await Promise.all([outboxForOrder(filter.orderId), outboxForDeal(filter.dealId)]);
    records = dedupe([...a, ...b]);
  } else if (filter.orderId !== undefined) {
    records = await outboxForOrder(filter.orderId);
  } else if (filter.dealId !== undefined) {
    records = await outboxForDeal(filter.dealId);
  } else {
    const overview = await outboxOverview(LIST_CAP);
    records = [...overview.pending, ...overview.problems];
  }
  const baseUrl = await getMeta('baseUrl');
  if (numberOf) records = await Promise.all(records.map((record) => withOrderNumber(record, numberOf)));
  const items = records.sort((a, b) => a.createdAt - b.createdAt).map((record) => toSyncItem(record, baseUrl));
  return {
    pending: items.filter((item) => item.status === 'pending'),
    problems: items.filter((item) => item.status === 'problem'),
  };
}

async function withOrderNumber(
  record: OutboxRecord,
  numberOf: (orderId: number) => Promise<string>,
): Promise<OutboxRecord> {
  const { orderId, trigger } = record;
  const triggerOrder = 'orderId' in trigger && !trigger.orderNumber ? trigger.orderId : null;
  if ((record.orderNumber || orderId === undefined) && triggerOrder === null) return record;
  try {
    const number = orderId !== undefined ? (record.orderNumber ?? (await numberOf(orderId))) : record.orderNumber;
    const next: OutboxRecord = { ...record, orderNumber: number };
    if (triggerOrder !== null && 'orderNumber' in trigger)
      next.trigger = { ...trigger, orderNumber: await numberOf(triggerOrder) };
    return next;
  } catch {
    return record; // Shop's settings cannot be read now: the item is still worth showing.
  }
}

function dedupe(records: OutboxRecord[]): OutboxRecord[] {
  return [...new Map(records.map((record) => [record.id, record])).values()];
}

export function toSyncItem(record: OutboxRecord, baseUrl: string | null): SyncItem {
  return {
    id: record.id,
    status: record.status,
    orderId: record.orderId ?? null,
    orderNumber: record.orderNumber,
    dealId: record.dealId ?? null,
    dealName: record.dealName,
    effect: describeEffect(record),
    reason: describeReason(record),
    problem: record.problem ? describeProblem(record.problem, record) : null,
    since: record.createdAt,
    attempts: record.attempts,
    orderUrl: baseUrl && record.orderId ? orderUrl(baseUrl, record.orderId) : null,
    dealUrl: baseUrl && record.dealId ? dealUrl(baseUrl, record.dealId) : null,
    runInShop: runInShopOf(record, baseUrl),
    ...waitOf(record),
  };
}

function waitOf(record: OutboxRecord): Pick<SyncItem, 'waitReason' | 'nextTryAt' | 'lastError'> {
  if (record.status !== 'pending') return { waitReason: null, nextTryAt: null, lastError: null };
  const reason: SyncItem['waitReason'] = record.inFlight
    ? 'checking_write'
    : record.lastFailure === 'rate'
      ? 'rate_limited'
      : record.attempts > 0
        ? 'retry'
        : null;
  return { waitReason: reason, nextTryAt: reason ? record.dueAt : null, lastError: reason ? record.lastError : null };
}

/** Problems a person solves with the action's own form in Shop-Script. */
const FORM_PROBLEMS: ReadonlySet<string> = new Set(['data_required', 'form_refused']);

function runInShopOf(record: OutboxRecord, baseUrl: string | null): SyncItem['runInShop'] {
  const problem = record.problem;
  const actionId = problem?.params.actionId;
  if (!problem || !FORM_PROBLEMS.has(problem.code) || !actionId || !baseUrl || !record.orderId) return null;
  return {
    actionId,
    actionName: problem.params.action ?? actionId,
    url: runInShopUrl(baseUrl, record.orderId, actionId),
  };
}

/** Puts a problem back in line, as if new (its pending-write check, if any, still runs first). */
export async function retryItem(id: string, sync: { request(): void }, now = Date.now()): Promise<boolean> {
  const record = await getOutboxItem(id);
  if (!record) return false;
  await putOutboxItem({
    ...record,
    status: 'pending',
    problem: null,
    attempts: 0,
    dueAt: now,
    updatedAt: now,
    wasProblem: record.status === 'problem',
  });
  sync.request();
  return true;
}

/** Drops an item for good: a person decided it needs no sync. */
export async function dismissItem(
  id: string,
  log: { activity: (entries: readonly ActivityEntry[]) => Promise<void> },
  now = Date.now(),
): Promise<boolean> {
  const record = await getOutboxItem(id);
  if (!record) return false;
  await deleteOutboxItem(id);
  await log.activity([
    {
      id: `dismiss:${id}:${now}`,
      at: now,
      kind: 'resolved',
      outcome: 'failed',
      orderId: record.orderId ?? null,
      orderNumber: record.orderNumber,
      dealId: record.dealId ?? null,
      dealName: record.dealName,
      from: null,
      to: describeEffect(record),
      rule: record.plan?.rule ?? null,
      funnelName: null,
      trigger: describeReason(record),
    },
  ]);
  return true;
}

export interface SyncState {
  lastSyncAt: number | null;
  nextSyncAt: number | null;
  syncing: boolean;
  lastError: string | null;
  paused: boolean;
  pendingCount: number;
  problemCount: number;
}

/** `syncingHere`: a cycle runs in this worker (the lease tells of one in a worker that may have died). */
export async function getSyncState(syncingHere: () => boolean, now = Date.now()): Promise<SyncState> {
  const [stored, counts, leased] = await Promise.all([getMeta('state'), countOutbox(), leaseHeld(now)]);
  const state = { ...EMPTY_STATE, ...stored };
  return {
    lastSyncAt: state.lastSyncAt,
    nextSyncAt: state.nextSyncAt,
    syncing: syncingHere() || leased,
    lastError: state.lastError,
    paused: state.paused,
    pendingCount: counts.pending,
    problemCount: counts.problems,
  };
}
