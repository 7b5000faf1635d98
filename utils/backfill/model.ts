import { z } from 'zod';

/**
 * The backfill of existing orders: orders that were placed before Dealbridge (or before
 * automatic creation) get a deal — an existing open deal of their customer when exactly one
 * fits, a new one otherwise. What is stored and decided, as plain data (zod: a stored record
 * may come from an older version, and messages carry these shapes).
 */
const id = z.number().int().positive();

export const backfillFiltersSchema = z.object({
  /** Order state ids; empty = every state except completed and deleted. */
  states: z.array(z.string().min(1).max(64)).max(100).default([]),
  /** Server-local dates "YYYY-MM-DD" (inclusive); null `from` = 90 days ago. */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .default(null),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .default(null),
  /** params.storefront values ('' = manual orders); empty = every storefront. */
  storefronts: z.array(z.string().max(500)).max(200).default([]),
});
export type BackfillFilters = z.infer<typeof backfillFiltersSchema>;

export const DEFAULT_DAYS = 90;
export const EXCLUDED_BY_DEFAULT = ['completed', 'deleted'];

const backfillActionSchema = z.enum(['link', 'create', 'skip']);
const skipReasonSchema = z.enum(['linked', 'no_customer', 'no_funnel']);

/** One order's decision (the plan) or outcome (the run). */
export const backfillRowSchema = z.object({
  orderId: id,
  orderNumber: z.string().max(100),
  customer: z.string().max(300),
  action: backfillActionSchema,
  /** The deal to bind (link) or the deal made (create), when known. */
  dealId: id.nullable(),
  dealName: z.string().max(500).nullable(),
  reason: skipReasonSchema.nullable(),
});
export type BackfillRow = z.infer<typeof backfillRowSchema>;

const backfillOutcomeSchema = z.enum(['linked', 'created', 'skipped', 'problem']);
export const backfillResultSchema = backfillRowSchema.extend({
  seq: z.number().int().nonnegative(),
  outcome: backfillOutcomeSchema,
  /** A problem's text, or how the plan changed (e.g. another browser linked it first). */
  note: z.string().max(500).nullable(),
});
export type BackfillResult = z.infer<typeof backfillResultSchema>;

const backfillCountsSchema = z.object({
  done: z.number().int().nonnegative(),
  linked: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  problems: z.number().int().nonnegative(),
});
export type BackfillCounts = z.infer<typeof backfillCountsSchema>;
export const zeroCounts = (): BackfillCounts => ({ done: 0, linked: 0, created: 0, skipped: 0, problems: 0 });

const backfillStatusSchema = z.enum(['running', 'paused', 'cancelled', 'done']);

/** The run's progress record: one per browser, kept until the next run starts. */
export const backfillRunSchema = z.object({
  id: z.string().min(1).max(64),
  status: backfillStatusSchema,
  filters: backfillFiltersSchema,
  /** Orders matching the filters when the run started (the progress bar's end). */
  total: z.number().int().nonnegative(),
  /** Orders are taken in id order: every order with id ≤ cursor is done. */
  cursor: z.number().int().nonnegative(),
  counts: backfillCountsSchema,
  startedAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** A write whose reply may be lost: re-read (after it settles) before anything else. */
  inFlight: z.object({ orderId: id, sentAt: z.number() }).nullable(),
  /** Time spent running (ms), for the estimate of time left; pauses do not count. */
  activeMs: z.number().nonnegative(),
  lastError: z.string().max(500).nullable(),
});
export type BackfillRun = z.infer<typeof backfillRunSchema>;

/** An order as the backfill reads it (shop.order.search). */
export interface BackfillOrder {
  id: number;
  number: string;
  contactId: number | null;
  customer: string;
  total: number;
  storefront: string;
  stateId: string;
}

/** A deal as the backfill reads it (crm.deal.list). */
export interface BackfillDeal {
  id: number;
  name: string;
  contactId: number | null;
  amount: number | null;
  status: 'OPEN' | 'WON' | 'LOST';
  orderId: number | null;
}

/** What every deal says, read once: linked orders and each customer's open unlinked deals. */
export interface DealIndex {
  linkedOrders: Set<number>;
  openUnlinked: Map<number, Array<Pick<BackfillDeal, 'id' | 'name' | 'amount'>>>;
}

export type Decision =
  | { action: 'link'; deal: { id: number; name: string } }
  | { action: 'create' }
  | { action: 'skip'; reason: z.infer<typeof skipReasonSchema> };

/**
 * An order without a deal links to the one open, unlinked deal of its customer whose name
 * holds the order's number or whose amount is the order's total; none or several → a new deal
 * (a wrong link cannot be undone in Webasyst, a spare deal can be deleted).
 */
export function decide(order: BackfillOrder, index: DealIndex, canCreate: boolean): Decision {
  if (index.linkedOrders.has(order.id)) return { action: 'skip', reason: 'linked' };
  if (order.contactId === null) return { action: 'skip', reason: 'no_customer' };
  const digits = order.number.replace(/^\D+/, '');
  const fits = (index.openUnlinked.get(order.contactId) ?? []).filter(
    (d) =>
      (digits !== '' && (d.name.includes(order.number) || new RegExp(`(^|\\D)${digits}(\\D|$)`).test(d.name))) ||
      (d.amount !== null && Math.abs(d.amount - order.total) < 0.005),
  );
  if (fits.length === 1) return { action: 'link', deal: { id: fits[0].id, name: fits[0].name } };
  return canCreate ? { action: 'create' } : { action: 'skip', reason: 'no_funnel' };
}

export function rowOf(order: BackfillOrder, decision: Decision): BackfillRow {
  return {
    orderId: order.id,
    orderNumber: order.number,
    customer: order.customer,
    action: decision.action,
    dealId: decision.action === 'link' ? decision.deal.id : null,
    dealName: decision.action === 'link' ? decision.deal.name : null,
    reason: decision.action === 'skip' ? decision.reason : null,
  };
}

/** Time left from the pace so far; null until there is a pace. */
export function estimateLeftMs(run: Pick<BackfillRun, 'counts' | 'total' | 'activeMs'>): number | null {
  if (run.counts.done === 0 || run.activeMs <= 0) return null;
  return Math.max(0, Math.round(((run.total - run.counts.done) * run.activeMs) / run.counts.done));
}
