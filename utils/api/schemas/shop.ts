import { z } from 'zod';
import {
  flag,
  id,
  int,
  intOrNull,
  num,
  numOrNull,
  optStr,
  phpObject,
  shopName,
  shopNameOrNull,
  shopParams,
  str,
  strOrNull,
} from './common';

/**
 * Shop-Script replies (shop:api/v1). Numbers arrive as strings and names HTML-escaped:
 * these schemas turn both into plain values. Unknown keys are dropped.
 */

const shopOrderItemSchema = z.object({
  id: id,
  order_id: id,
  name: shopName,
  product_id: intOrNull,
  sku_id: intOrNull,
  sku_code: optStr,
  type: z.string(),
  service_id: intOrNull.optional().transform((v) => v ?? null),
  service_variant_id: intOrNull.optional().transform((v) => v ?? null),
  price: num,
  quantity: num,
  /** The product row a service row belongs to. */
  parent_id: intOrNull.optional().transform((v) => v ?? null),
  total_discount: numOrNull.optional().transform((v) => v ?? 0),
  tax_percent: numOrNull.optional().transform((v) => v ?? null),
  tax_included: flag.optional().transform((v) => v ?? false),
});

const shopOrderContactSchema = z.object({
  id: id,
  name: shopName,
  email: optStr,
  phone: optStr,
  registered: flag.optional(),
  photo_50x50: optStr,
});

const shopOrderBase = {
  id: id,
  contact_id: intOrNull,
  create_datetime: str,
  update_datetime: strOrNull,
  state_id: str,
  total: num,
  currency: str,
  rate: num.optional(),
  tax: numOrNull.transform((v) => v ?? 0),
  shipping: numOrNull.transform((v) => v ?? 0),
  discount: numOrNull.transform((v) => v ?? 0),
  assigned_contact_id: intOrNull.optional().transform((v) => v ?? null),
  paid_date: strOrNull.optional().transform((v) => v ?? null),
  paid_datetime: strOrNull.optional().transform((v) => v ?? null),
  /** Set by a payment plugin's authorization (two-step payments); null otherwise. */
  auth_date: strOrNull.optional().transform((v) => v ?? null),
  comment: optStr,
  params: shopParams.optional().transform((v) => v ?? {}),
  contact: shopOrderContactSchema.nullish().transform((v) => v ?? null),
};

/**
 * shop.order.getInfo. `items` comes keyed by item id; it is turned into an array ordered
 * by id (services point to their product row through parent_id).
 */
export const shopOrderSchema = z.object({
  ...shopOrderBase,
  items: phpObject(shopOrderItemSchema).transform((byId) => Object.values(byId).sort((a, b) => a.id - b.id)),
  items_total_discount: numOrNull.optional().transform((v) => v ?? 0),
});
export type ShopOrder = z.output<typeof shopOrderSchema>;

/** One order in shop.order.search: items are already an array; `id_encoded` is the displayed number. */
const shopSearchOrderSchema = z.object({
  ...shopOrderBase,
  items: z
    .array(shopOrderItemSchema)
    .optional()
    .transform((v) => v ?? []),
  id_encoded: optStr,
  state: z
    .object({ id: str, name: shopName })
    .passthrough()
    .nullish()
    .transform((v) => v ?? null),
});
export type ShopSearchOrder = z.output<typeof shopSearchOrderSchema>;

export const shopOrderSearchSchema = z.object({
  offset: int,
  limit: int,
  count: int,
  orders: z.array(shopSearchOrderSchema),
});

/** An action available now for one order (shop.order.actions). */
const shopOrderActionInfoSchema = z.object({
  id: str,
  type: str,
  is_custom: flag.optional().transform((v) => v ?? false),
  name: shopName,
  /** True when the action has a form: Dealbridge does not run it without a person. */
  data_required: flag,
  color: optStr,
});
export const shopOrderActionsSchema = z.array(shopOrderActionInfoSchema);

/** shop.order.action: the log record it wrote. */
export const shopOrderActionResultSchema = z.object({
  id: id,
  order_id: id,
  action_id: str,
  before_state_id: strOrNull,
  after_state_id: strOrNull,
  text: optStr,
  update: phpObject(z.unknown())
    .optional()
    .transform((v) => v ?? {}),
});

/** shop.order.log: newest first. */
const shopOrderLogEntrySchema = z.object({
  id: id,
  order_id: id,
  contact_id: intOrNull,
  action_id: str,
  datetime: str,
  before_state_id: strOrNull,
  after_state_id: strOrNull,
  text: optStr,
  params: shopParams.optional().transform((v) => v ?? {}),
  contact_name: shopNameOrNull,
  action_name: shopNameOrNull,
  log_record: optStr,
});
export type ShopOrderLogEntry = z.output<typeof shopOrderLogEntrySchema>;
export const shopOrderLogSchema = z.array(shopOrderLogEntrySchema);

const shopOrderStateSchema = z.object({
  id: str,
  name: shopName,
  options: z
    .object({ icon: optStr, style: phpObject(z.unknown()).optional() })
    .passthrough()
    .nullish()
    .transform((o) => ({ icon: o?.icon ?? null, color: colorOf(o?.style) })),
  available_actions: z.array(str),
});
export type ShopOrderState = z.output<typeof shopOrderStateSchema>;

function colorOf(style: Record<string, unknown> | undefined): string | null {
  const color = style?.color;
  return typeof color === 'string' && color ? color : null;
}

/** shop.settings.get: the workflow's states, currencies, storefronts, the server clock. */
export const shopSettingsSchema = z.object({
  version: str,
  default_currency: optStr,
  settings: z
    .object({ name: optStr, order_format: optStr })
    .passthrough()
    .nullish()
    .transform((v) => ({ name: v?.name ?? null, orderFormat: v?.order_format ?? null })),
  currencies: phpObject(z.object({ code: str, sign: optStr, title: optStr }).passthrough())
    .optional()
    .transform((v) => v ?? {}),
  order_states: z.array(shopOrderStateSchema),
  server_time: optStr,
  server_timezone: optStr,
  server_timezone_shift: numOrNull.optional().transform((v) => v ?? 0),
  user_info: z
    .object({ id: id, name: shopName, photo: optStr })
    .nullish()
    .transform((v) => v ?? null),
  storefronts: z
    .array(z.object({ domain: optStr, url: str, url_decoded: optStr }).passthrough())
    .optional()
    .transform((v) => v ?? []),
});
export type ShopSettings = z.output<typeof shopSettingsSchema>;
