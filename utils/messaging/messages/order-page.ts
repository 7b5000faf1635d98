import { z } from 'zod';
import { defineMessage } from '../define';
import { dealSummarySchema, syncItemSchema } from '../models';

const orderId = z.number().int().positive();
const contactId = z.number().int().positive();
const dealId = z.number().int().positive();

const funnelOptionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  color: z.string().nullable(),
  isArchived: z.boolean(),
  stages: z.array(z.object({ id: z.number().int(), name: z.string(), color: z.string().nullable() })),
});

/**
 * Why a link must not be made now. The page asks right before it links, because the
 * backend endpoint itself checks none of this (it would silently create a new deal).
 */
const linkRefusalSchema = z.enum([
  /** The order got a deal in the meantime (`linkedDeal` says which). */
  'order_already_linked',
  /** The chosen deal was linked to another order in the meantime. */
  'deal_linked_elsewhere',
  /** The chosen deal was won or lost in the meantime. */
  'deal_closed',
  /** The chosen deal's client is not this order's customer. */
  'deal_other_customer',
  /** The chosen deal no longer exists (or the user cannot see it). */
  'deal_not_found',
  /** The order has no customer: a deal needs a client. */
  'no_customer',
]);
export type LinkRefusal = z.infer<typeof linkRefusalSchema>;

export const orderPageMessages = {
  /**
   * What the order page's control shows: the linked deal (or null) and this order's sync items.
   * `customerId` and `hintDealId` (the deal Webasyst's own "CRM deal" link names) are lookup
   * hints read from the page: the background verifies them against Webasyst.
   */
  'order.context': defineMessage(
    'content',
    z.object({ orderId, customerId: contactId.nullable().optional(), hintDealId: dealId.nullable().optional() }),
    z.object({
      connected: z.boolean(),
      deal: dealSummarySchema.nullable(),
      pending: z.array(syncItemSchema),
      problems: z.array(syncItemSchema),
    }),
  ),
  /** The picker: the customer's open deals with no order, and what "New deal" offers. */
  'order.pickerData': defineMessage(
    'content',
    z.object({ orderId, customerId: contactId }),
    z.object({
      deals: z.array(dealSummarySchema),
      funnels: z.array(funnelOptionSchema),
      users: z.array(z.object({ id: z.number().int(), name: z.string() })),
      me: z.object({ id: z.number().int(), name: z.string() }),
      defaults: z.object({ funnelId: z.number().int().nullable(), stageId: z.number().int().nullable() }),
      /** What Webasyst names a deal it creates for this order ("Order #1003"). */
      newDealName: z.string(),
      /** The order's number as Shop-Script shows it ("#1003"), for the summary before a link. */
      orderNumber: z.string(),
    }),
  ),
  /**
   * Right before linking, with fresh reads: may this order be linked to `dealId` (or to a new
   * deal when null)? `ok: false` carries the reason and, if the order got a deal meanwhile, that deal.
   */
  'order.checkLink': defineMessage(
    'content',
    z.object({ orderId, customerId: contactId.nullable(), dealId: dealId.nullable() }),
    z.object({ ok: z.boolean(), reason: linkRefusalSchema.nullable(), linkedDeal: dealSummarySchema.nullable() }),
  ),
  /** The page linked a deal through the backend endpoint: verify it by re-reading and cache the link. */
  'order.linked': defineMessage('content', z.object({ orderId, dealId }), dealSummarySchema),
  /**
   * The control was opened for the first time: inject the panel's script into the asking
   * tab (it is a separate file so that the order page's content script stays small).
   */
  'order.loadPanel': defineMessage('content', z.object({}), z.object({ loaded: z.boolean() })),
  /** The page's "Connect Dealbridge": open Dealbridge's settings, where connecting happens. */
  'options.open': defineMessage('content', z.object({}), z.object({ opened: z.boolean() })),
};
