import { getMeta, setMeta, type OrderCursor } from '../../db/meta';
import { addToInbox, commitObservation } from '../../db/inbox';
import { linkStore } from '../../db/links';
import { replaceOrderStates } from '../../db/order-states';
import { classifyFailure } from '../model/failure';
import { refreshAllLinks } from './links-refresh';
import type { EngineContext } from '../engine/context';
import {
  dealInboxKey,
  orderInboxKey,
  type HistoryNote,
  type InboxRecord,
  type OrderSnapshot,
  type OrderStateRecord,
} from '../model/inbox-types';
import { runBounded } from '../engine/bounded';
import type { HistoryItem } from '../engine/ports';
import { serverLocalNow } from '../model/time';
import { readHistorySince } from './history-read';

/**
 * Observers: what changed on each side since the persisted cursors. An idle look costs one
 * request per side (a small search sorted by "updated", and the history feed past min_id),
 * also right after many orders changed in one second (up to NEXT_PAGE of them).
 */
/** Enough for the changes of a busy minute: a second page costs a request, a few more rows cost little. */
const FIRST_PAGE = 50;
const NEXT_PAGE = 500;
/** Orders read by id at once (`id/1,2,…` keeps the URL within a few kilobytes). */
const BY_ID_PAGE = 500;
/** Pages of orders by id read at once. */
const BY_ID_CONCURRENCY = 3;

/** CRM history actions that concern sync (stage, status, and new or newly linked deals). */
const DEAL_ACTIONS: ReadonlySet<string> = new Set([
  'deal_add',
  'deal_step',
  'deal_move',
  'deal_won',
  'deal_lost',
  'deal_reopen',
  'deal_order_link',
]);

const fingerprint = (order: OrderSnapshot) => `${order.id}:${order.stateId}`;

function isNewer(order: OrderSnapshot, cursor: OrderCursor, seen: ReadonlySet<string>): boolean {
  if (order.updated > cursor.updated) return true;
  return order.updated === cursor.updated && !seen.has(fingerprint(order));
}

/**
 * Pages through orders by IFNULL(update_datetime, create_datetime) descending until the
 * cursor. Each page goes to the inbox as it is read (observations merge, so a crash midway
 * only repeats work); the cursor moves once every page before it is stored.
 */
export async function observeOrders(ctx: EngineContext): Promise<number> {
  const cursor = await getMeta('cursor.orders');
  if (!cursor) {
    await startOrderCursor(ctx);
    return 0;
  }
  const seen = new Set(cursor.seenAtUpdated);
  let newest: string | null = null;
  let seenAtNewest: string[] = [];
  let count = 0;
  let offset = 0;
  // The first page holds every order already seen at the cursor's second and one more: after
  // a burst of orders in one second, an idle look still ends on its first page.
  let limit = Math.min(NEXT_PAGE, Math.max(FIRST_PAGE, seen.size + 1));
  for (;;) {
    const page = await ctx.ports.ordersByUpdated(offset, limit);
    const fresh: InboxRecord[] = [];
    let reachedCursor = false;
    for (const order of page) {
      if (order.updated < cursor.updated) {
        reachedCursor = true;
        break;
      }
      if (!isNewer(order, cursor, seen)) continue;
      if (newest === null || order.updated > newest) {
        newest = order.updated;
        seenAtNewest = [];
      }
      if (order.updated === newest) seenAtNewest.push(fingerprint(order));
      fresh.push({ key: orderInboxKey(order.id), kind: 'order', order, since: cursor.updated, dueAt: 0, attempts: 0 });
    }
    if (fresh.length) await addToInbox(fresh);
    count += fresh.length;
    if (reachedCursor || page.length < limit) break;
    offset += page.length;
    limit = NEXT_PAGE;
  }
  if (newest !== null) {
    const seenAt = newest === cursor.updated ? [...cursor.seenAtUpdated, ...seenAtNewest] : seenAtNewest;
    await commitObservation([], 'cursor.orders', { updated: newest, seenAtUpdated: [...new Set(seenAt)] });
  }
  return count;
}

/**
 * First run: start from now (the newest order, or Shop's clock when there is none); old
 * orders are history, those of the newest order's second too (up to a first page of them:
 * an import can make many in one second). Then the state of every linked order, as of now,
 * is noted (see noteLinkedOrderStates).
 */
async function startOrderCursor(ctx: EngineContext): Promise<void> {
  const newest = await ctx.ports.ordersByUpdated(0, FIRST_PAGE);
  const top = newest[0];
  let cursor: OrderCursor;
  if (top) {
    const seen = newest.filter((order) => order.updated === top.updated).map(fingerprint);
    cursor = { updated: top.updated, seenAtUpdated: seen };
  } else {
    const clock = await ctx.ports.shopClock();
    cursor = { updated: clock.serverTime ?? serverLocalNow(ctx.now(), clock.shiftSeconds), seenAtUpdated: [] };
  }
  await setMeta('cursor.orders', cursor);
  await noteLinkedOrderStates(ctx, cursor.updated);
}

/**
 * The state of every linked order when watching starts, so that its first change is told
 * from its state too (infer.ts) rather than from its log: every deal's link (crm.deal.list,
 * pages of 500), then those orders by id (shop.order.search, pages of 500). Only orders last
 * changed before the cursor count: a change at or after it is still to be observed, and the
 * state it left must not pass for the state before it. What was noted before (another
 * connection, another time) is forgotten. Reading fails: nothing is noted, and such orders'
 * first changes are read from their logs.
 */
async function noteLinkedOrderStates(ctx: EngineContext, cursorUpdated: string): Promise<void> {
  try {
    await refreshAllLinks(ctx);
    const orderIds = (await linkStore.all()).map((link) => link.orderId).sort((a, b) => a - b);
    const pages: number[][] = [];
    for (let i = 0; i < orderIds.length; i += BY_ID_PAGE) pages.push(orderIds.slice(i, i + BY_ID_PAGE));
    const at = ctx.now();
    const states: OrderStateRecord[] = [];
    await runBounded(
      pages,
      (page) => [`orders:${page[0]}`],
      BY_ID_CONCURRENCY,
      async (page) => {
        for (const order of await ctx.ports.ordersByIds(page)) {
          if (order.updated < cursorUpdated)
            states.push({ orderId: order.id, stateId: order.stateId, updated: order.updated, at });
        }
      },
    );
    await replaceOrderStates(states);
  } catch (error) {
    if (classifyFailure(error, false).kind === 'auth') throw error;
    await replaceOrderStates([]);
  }
}

/**
 * Reads the CRM history past min_id (paging down with max_id when a page is full), groups
 * deal entries per deal into the inbox and moves min_id, in one transaction.
 */
export async function observeHistory(ctx: EngineContext): Promise<number> {
  const cursor = await getMeta('cursor.history');
  if (!cursor) {
    await setMeta('cursor.history', { minId: await ctx.ports.latestHistoryId() });
    return 0;
  }
  const entries = await readHistorySince(ctx.ports, cursor.minId);
  if (!entries.length) return 0;
  const records = groupByDeal(entries);
  const maxId = entries.reduce((max, e) => Math.max(max, e.id), cursor.minId);
  await commitObservation(records, 'cursor.history', { minId: maxId });
  return records.length;
}

export function groupByDeal(entries: readonly HistoryItem[]): InboxRecord[] {
  const perDeal = new Map<number, HistoryNote[]>();
  for (const entry of entries) {
    if (entry.dealId === null || !DEAL_ACTIONS.has(entry.action)) continue;
    const notes = perDeal.get(entry.dealId) ?? [];
    notes.push({
      id: entry.id,
      action: entry.action,
      actorId: entry.actorId,
      stageBefore: entry.stageBefore,
      stageAfter: entry.stageAfter,
      at: entry.at,
    });
    perDeal.set(entry.dealId, notes);
  }
  return [...perDeal].map(([dealId, notes]) => ({
    key: dealInboxKey(dealId),
    kind: 'deal',
    dealId,
    entries: notes,
    dueAt: 0,
    attempts: 0,
  }));
}
