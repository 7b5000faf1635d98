import { z } from 'zod';
import { flag, id, int, intOrNull, numOrNull, optStr, str, strOrNull } from './common';

/** CRM replies (crm:api/v1): already typed by CRM; datetimes are ISO-8601 UTC. */

const crmDealStatusSchema = z.enum(['OPEN', 'WON', 'LOST']);

const crmPersonSchema = z.object({
  id: id,
  name: str,
  userpic: optStr,
});
type CrmPerson = z.output<typeof crmPersonSchema>;

export const crmUserSchema = crmPersonSchema;
export type CrmUser = CrmPerson;
export const crmUserListSchema = z.array(crmUserSchema);

const crmCurrencySchema = z.object({
  id: str,
  name: optStr,
  is_primary: flag.optional().transform((v) => v ?? false),
  rate: numOrNull.optional().transform((v) => v ?? null),
});
export type CrmCurrency = z.output<typeof crmCurrencySchema>;
export const crmCurrencyListSchema = z.array(crmCurrencySchema);

const crmStageSchema = z.object({
  id: id,
  funnel_id: id,
  name: str,
  /** Position in the funnel: "forward" means a higher number. */
  number: int,
  color: optStr,
  limit_hours: numOrNull.optional().transform((v) => v ?? null),
});

const crmFunnelSchema = z.object({
  id: id,
  name: str,
  sort: int.optional(),
  icon: optStr,
  color: optStr,
  is_archived: flag.optional().transform((v) => v ?? false),
  stages: z.array(crmStageSchema).transform((stages) => [...stages].sort((a, b) => a.number - b.number)),
});
export type CrmFunnel = z.output<typeof crmFunnelSchema>;
export const crmFunnelListSchema = z.array(crmFunnelSchema);

const dealCommon = {
  id: id,
  create_datetime: str,
  update_datetime: strOrNull.optional().transform((v) => v ?? null),
  funnel_id: id,
  stage_id: id,
  status_id: crmDealStatusSchema,
  name: str,
  expected_date: strOrNull.optional().transform((v) => v ?? null),
  closed_datetime: strOrNull.optional().transform((v) => v ?? null),
  amount: numOrNull,
  currency_id: strOrNull,
  lost_id: intOrNull.optional().transform((v) => v ?? null),
  lost_text: optStr,
  /** "shop:<order id>" when the deal is linked to an order, as Webasyst itself links them. */
  external_id: optStr,
};

/** crm.deal.info */
export const crmDealSchema = z.object({
  ...dealCommon,
  creator_contact_id: intOrNull.optional().transform((v) => v ?? null),
  description: optStr,
  contact_id: intOrNull,
  user_contact_id: intOrNull,
  users: z
    .array(z.object({ label: optStr, contact: crmPersonSchema }))
    .optional()
    .transform((v) => v ?? []),
  contacts: z
    .array(z.object({ label: optStr, contact: crmPersonSchema.passthrough() }))
    .optional()
    .transform((v) => v ?? []),
  rights: z
    .object({
      can_edit: flag.optional(),
      can_delete: flag.optional(),
      has_access_to_funnel: flag.optional(),
    })
    .nullish()
    .transform((v) => v ?? null),
});
export type CrmDeal = z.output<typeof crmDealSchema>;

const refSchema = z.object({ id: id, name: str, color: optStr });

/** One deal in crm.deal.list: no contact_id/user_contact_id, but nested contact/user/funnel/stage. */
const crmDealListItemSchema = z.object({
  ...dealCommon,
  /** Converted to CRM's default currency; the original is kept alongside. */
  original_amount: numOrNull.optional().transform((v) => v ?? null),
  original_currency_id: optStr,
  shop_order: z
    .object({ id: id, paid_date: optStr })
    .nullish()
    .transform((v) => v ?? null),
  contact: crmPersonSchema.nullish().transform((v) => v ?? null),
  user: crmPersonSchema.nullish().transform((v) => v ?? null),
  funnel: refSchema.nullish().transform((v) => v ?? null),
  stage: refSchema.nullish().transform((v) => v ?? null),
});
export type CrmDealListItem = z.output<typeof crmDealListItemSchema>;

export const crmDealListSchema = z.object({
  params: z.object({ total_count: int, offset: int.optional(), limit: int.optional() }).passthrough(),
  data: z.array(crmDealListItemSchema),
});

/**
 * crm.deal.list read only for each deal's place and link (the link refresh lists every deal,
 * in pages of 500): the other keys are not checked, which is most of the parsing.
 */
export const crmDealListLinksSchema = z.object({
  params: crmDealListSchema.shape.params,
  data: z.array(
    z.object({
      id: dealCommon.id,
      name: dealCommon.name,
      funnel_id: dealCommon.funnel_id,
      stage_id: dealCommon.stage_id,
      status_id: dealCommon.status_id,
      external_id: dealCommon.external_id,
    }),
  ),
});
export type CrmDealListLinks = z.output<typeof crmDealListLinksSchema>;

/** crm.deal.add answers 201 with the new id as a bare number. */
export const crmDealAddSchema = id;

/**
 * crm.deal.move / close / reopen / delete answer 204 (the literal `null` at most) for one deal,
 * which the client validates as `null` (with `noContent`, only a real 204 may be empty). The
 * only 200 bodies Webasyst documents are the bulk shapes; anything else (`{}`, an HTML page)
 * is not a success and must not be counted as one.
 */
const idList = z.array(z.union([int, z.string().regex(/^\d+$/)]));
const crmBulkReplySchema = z.union([
  z.object({ moved: idList }).passthrough(),
  z.object({ changed_counts: z.array(int) }).passthrough(),
  z.object({ closed: idList }).passthrough(),
  z.object({ deleted: idList }).passthrough(),
]);
/** A bulk crm.deal.move: `{moved:[ids]}`, or 204 (nothing needed moving). Ids may come as strings. */
export const crmBulkMoveReplySchema = z
  .union([z.null(), z.object({ moved: idList }).passthrough()])
  .transform((reply) => (reply ? reply.moved.map(Number) : []));
export const crmNoContentSchema = z.union([z.null(), crmBulkReplySchema]).transform(() => undefined);

export const crmDealPatchSchema = z.array(
  z.object({ id: str, name: optStr, type: optStr, value: z.unknown() }).passthrough(),
);

const historyDealSchema = z.object({
  id: id,
  status_id: crmDealStatusSchema,
  name: str,
  amount: numOrNull.optional().transform((v) => v ?? null),
  currency_id: optStr,
  funnel: refSchema.nullish().transform((v) => v ?? null),
  stage: refSchema.nullish().transform((v) => v ?? null),
});

const crmHistoryEntrySchema = z.object({
  id: id,
  create_datetime: str,
  /** deal_add, deal_step, deal_move, deal_won, deal_lost, deal_reopen, deal_order_<action>, … */
  action: str,
  object_type: optStr,
  object_id: intOrNull.optional().transform((v) => v ?? null),
  action_name: optStr,
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  actor: crmPersonSchema.nullish().transform((v) => v ?? null),
  deal: historyDealSchema.nullish().transform((v) => v ?? null),
  stage_before: refSchema.nullish().transform((v) => v ?? null),
  stage_after: refSchema.nullish().transform((v) => v ?? null),
});
export type CrmHistoryEntry = z.output<typeof crmHistoryEntrySchema>;

export const crmHistorySchema = z.object({
  count: int.optional(),
  log: z.array(crmHistoryEntrySchema),
});
