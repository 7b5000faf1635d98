import { normalizeStorefront, autoCreateFor } from '../sync/model/rules';
import type { Settings } from '../settings/schema';
import type { BackfillPorts } from './ports';
import {
  decide,
  rowOf,
  DEFAULT_DAYS,
  EXCLUDED_BY_DEFAULT,
  type BackfillDeal,
  type BackfillFilters,
  type BackfillOrder,
  type BackfillRow,
  type DealIndex,
  type Decision,
} from './model';

/** shop.order.search and crm.deal.list pages: their largest. */
const ORDER_PAGE = 500;
const DEAL_PAGE = 500;
/** Deal pages overlap a little: a deal deleted while we page must not push another past a boundary unseen. */
const DEAL_OVERLAP = 10;

/** Where a new deal goes: the storefront's automatic-creation setting, else the order page's "New deal" defaults. */
export function createTarget(
  settings: Settings,
  storefront: string,
): { funnelId: number; stageId: number; ownerId: number | null } | null {
  const auto = autoCreateFor(settings, storefront);
  if (auto) return { funnelId: auto.funnelId, stageId: auto.stageId, ownerId: auto.ownerId };
  const { funnelId, stageId } = settings.newDeal;
  return funnelId !== null && stageId !== null ? { funnelId, stageId, ownerId: null } : null;
}

/**
 * Reads every deal once (crm.deal.list in pages of 500, as the sync's link refresh does) and
 * keeps only what deciding needs: which orders have a deal, and each customer's open unlinked
 * deals — not the deals themselves.
 */
export async function readDealIndex(ports: Pick<BackfillPorts, 'listDeals'>): Promise<DealIndex> {
  const index: DealIndex = { linkedOrders: new Set(), openUnlinked: new Map() };
  const seen = new Set<number>();
  const note = (deal: BackfillDeal) => {
    if (seen.has(deal.id)) return;
    seen.add(deal.id);
    if (deal.orderId !== null) index.linkedOrders.add(deal.orderId);
    else if (deal.status === 'OPEN' && deal.contactId !== null) {
      const list = index.openUnlinked.get(deal.contactId) ?? [];
      list.push({ id: deal.id, name: deal.name, amount: deal.amount });
      index.openUnlinked.set(deal.contactId, list);
    }
  };
  for (let offset = 0; ; offset += DEAL_PAGE - DEAL_OVERLAP) {
    const { deals, total } = await ports.listDeals(offset, DEAL_PAGE);
    deals.forEach(note);
    if (deals.length < DEAL_PAGE || offset + DEAL_PAGE >= total) break;
  }
  return index;
}

/** "YYYY-MM-DD" `days` before Shop's server-local date now. */
function daysBefore(serverTime: string | null, days: number, now: number): string {
  const today = serverTime
    ? Date.UTC(+serverTime.slice(0, 4), +serverTime.slice(5, 7) - 1, +serverTime.slice(8, 10))
    : now;
  return new Date(today - days * 86_400_000).toISOString().slice(0, 10);
}

/** The search hash for the filters, for orders after `afterId` (the run's cursor). */
async function searchHash(
  ports: Pick<BackfillPorts, 'orderStates' | 'shopClock'>,
  filters: BackfillFilters,
  afterId: number,
  now: number,
): Promise<string> {
  const states = filters.states.length
    ? filters.states
    : (await ports.orderStates()).map((s) => s.id).filter((s) => !EXCLUDED_BY_DEFAULT.includes(s));
  const from = filters.from ?? daysBefore((await ports.shopClock()).serverTime, DEFAULT_DAYS, now);
  // A literal "&" in a value would end the condition; state ids and dates never hold one.
  const conds = [
    `id>${afterId}`,
    `create_datetime>=${from} 00:00:00`,
    `state_id=${states.map((s) => s.replace(/[&|]/g, '')).join('||')}`,
  ];
  if (filters.to) conds.push(`create_datetime<=${filters.to} 23:59:59`);
  return `search/${conds.join('&')}`;
}

/** Storefronts are compared as the automatic-creation settings compare them; '' is a manual order. */
function storefrontFilter(filters: BackfillFilters): (order: BackfillOrder) => boolean {
  if (!filters.storefronts.length) return () => true;
  const wanted = new Set(filters.storefronts.map(normalizeStorefront));
  return (order) => wanted.has(normalizeStorefront(order.storefront));
}

export interface PlanSummary {
  /** Orders matching the filters. */
  total: number;
  link: number;
  create: number;
  skip: number;
  /** The first rows, in the order the run takes them. */
  rows: BackfillRow[];
}

/**
 * What a run would do, read-only: every matching order is decided, page by page (only the
 * counts and the first `rows` rows are kept).
 */
export async function planBackfill(
  ports: BackfillPorts,
  settings: Settings,
  filters: BackfillFilters,
  options: { rows: number; now: number },
): Promise<PlanSummary> {
  const index = await readDealIndex(ports);
  const summary: PlanSummary = { total: 0, link: 0, create: 0, skip: 0, rows: [] };
  await eachOrder(ports, filters, 0, options.now, async (page) => {
    for (const order of page) {
      const decision = decideFor(order, index, settings);
      summary.total++;
      summary[decision.action]++;
      if (summary.rows.length < options.rows) summary.rows.push(rowOf(order, decision));
    }
    return true;
  });
  return summary;
}

/**
 * Decides one order and claims the deal it links to: a later order of the same customer that
 * would fit it too gets a new deal (the plan shows the run's choice, and two orders never race
 * for one deal — binding a linked deal would silently make a new one).
 */
export function decideFor(order: BackfillOrder, index: DealIndex, settings: Settings): Decision {
  const decision = decide(order, index, createTarget(settings, order.storefront) !== null);
  if (decision.action === 'link' && order.contactId !== null) {
    const open = index.openUnlinked.get(order.contactId) ?? [];
    index.openUnlinked.set(
      order.contactId,
      open.filter((d) => d.id !== decision.deal.id),
    );
  }
  return decision;
}

/**
 * Pages through the orders matching the filters after `afterId`, in id order, a page at a time;
 * `onPage` returns false to stop. Pages come by id, not offset, so orders that change state
 * while we page neither shift nor repeat.
 */
export async function eachOrder(
  ports: BackfillPorts,
  filters: BackfillFilters,
  afterId: number,
  now: number,
  onPage: (orders: BackfillOrder[], lastId: number) => Promise<boolean>,
): Promise<void> {
  const keep = storefrontFilter(filters);
  let cursor = afterId;
  for (;;) {
    const { orders } = await ports.searchOrders(await searchHash(ports, filters, cursor, now), ORDER_PAGE);
    if (!orders.length) return;
    const lastId = orders.reduce((max, o) => Math.max(max, o.id), cursor);
    if (
      !(await onPage(
        orders.filter(keep).sort((a, b) => a.id - b.id),
        lastId,
      ))
    )
      return;
    if (orders.length < ORDER_PAGE) return;
    cursor = lastId;
  }
}

/** Orders matching the filters (the run's total): one search with limit 1 when no storefront filter applies. */
export async function countOrders(ports: BackfillPorts, filters: BackfillFilters, now: number): Promise<number> {
  if (!filters.storefronts.length) return (await ports.searchOrders(await searchHash(ports, filters, 0, now), 1)).count;
  let total = 0;
  await eachOrder(ports, filters, 0, now, async (page) => {
    total += page.length;
    return true;
  });
  return total;
}
