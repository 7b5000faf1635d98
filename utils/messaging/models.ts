import { z } from 'zod';

/**
 * View models that cross the message boundary between the background and the UIs.
 * They carry display data only: never a token, never raw API replies.
 */

const dealStatusSchema = z.enum(['OPEN', 'WON', 'LOST']);

export const dealSummarySchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  funnelId: z.number().int(),
  funnelName: z.string(),
  funnelColor: z.string().nullable(),
  stageId: z.number().int(),
  stageName: z.string(),
  stageColor: z.string().nullable(),
  status: dealStatusSchema,
  ownerName: z.string().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** Absolute URL of the deal page in the CRM backend. */
  url: z.string(),
});
export type DealSummary = z.infer<typeof dealSummarySchema>;

/**
 * An order and deal pair and a change to it, as people read it: the pending items and problems
 * of the sync, and the changes of the options page's dry run.
 */
export const pairChangeShape = {
  orderId: z.number().int().nullable(),
  orderNumber: z.string().nullable(),
  dealId: z.number().int().nullable(),
  dealName: z.string().nullable(),
  /** What was or would be done, e.g. "Move deal to Invoice sent". */
  effect: z.string(),
  /** Why: the observed change and the rule, e.g. "Order #1003: Paid; rule Paid → Invoice sent". */
  reason: z.string(),
};

/** One pending outbox item or parked problem, as the UIs show it. */
export const syncItemSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'problem']),
  ...pairChangeShape,
  /** For problems: what went wrong and what a person should do. */
  problem: z.string().nullable(),
  since: z.number(),
  attempts: z.number().int(),
  orderUrl: z.string().nullable(),
  dealUrl: z.string().nullable(),
  /**
   * A problem a person solves by running an order action with Shop-Script's own form: the
   * order page with that form opened on arrival. Its button reads "Run “Paid” on order #1007".
   */
  runInShop: z.object({ actionId: z.string(), actionName: z.string(), url: z.string() }).nullable(),
  /**
   * A waiting item: why it waits — `retry` (a try failed: `lastError`), `rate_limited`
   * (Webasyst asked to slow down), `checking_write` (a write's reply was lost: it is read
   * again before anything else) — and when it is tried next (epoch ms). Null when it simply
   * waits for the next sync.
   */
  waitReason: z.enum(['retry', 'rate_limited', 'checking_write']).nullable().default(null),
  nextTryAt: z.number().nullable().default(null),
  lastError: z.string().nullable().default(null),
});
export type SyncItem = z.infer<typeof syncItemSchema>;

export const activityEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  kind: z.enum([
    'deal_created',
    'deal_linked',
    'deal_moved',
    'deal_closed',
    'deal_reopened',
    'order_action',
    'problem',
    'resolved',
    /** The backfill of existing orders finished; `to` holds its counts. */
    'backfill_done',
  ]),
  outcome: z.enum(['applied', 'already', 'failed']),
  orderId: z.number().int().nullable(),
  orderNumber: z.string().nullable(),
  dealId: z.number().int().nullable(),
  dealName: z.string().nullable(),
  /** Human names of what changed, e.g. from "New" to "Invoice sent". */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** The rule that caused it, e.g. "Paid → Invoice sent". */
  rule: z.string().nullable(),
  funnelName: z.string().nullable(),
  /** The observed change that triggered it, e.g. "Order #1003: Paid". */
  trigger: z.string().nullable(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

export const connectionViewSchema = z.object({
  baseUrl: z.string(),
  userName: z.string(),
  userpicUrl: z.string().nullable(),
  installationName: z.string().nullable(),
  apps: z.array(
    z.object({ id: z.string(), version: z.string().nullable(), ok: z.boolean(), problem: z.string().nullable() }),
  ),
  health: z.enum(['ok', 'auth_error', 'unreachable', 'degraded']),
  lastContactAt: z.number().nullable(),
  lastError: z.string().nullable(),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

export const syncStatusSchema = z.object({
  connection: connectionViewSchema.nullable(),
  paused: z.boolean(),
  runsAutomaticSync: z.boolean(),
  syncing: z.boolean(),
  lastSyncAt: z.number().nullable(),
  nextSyncAt: z.number().nullable(),
  lastError: z.string().nullable(),
  pendingCount: z.number().int(),
  problemCount: z.number().int(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
