import { z } from 'zod';
import { defineMessage } from '../define';
import { syncItemSchema } from '../models';

const money = z.number();

export const linkedOrderSchema = z.object({
  orderId: z.number().int(),
  /** As Shop-Script shows it, e.g. "#1003". */
  number: z.string(),
  url: z.string(),
  state: z.object({ id: z.string(), name: z.string(), color: z.string().nullable() }),
  paidAt: z.string().nullable(),
  currency: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      sku: z.string().nullable(),
      quantity: z.number(),
      price: money,
      total: money,
      services: z.array(
        z.object({ id: z.string(), name: z.string(), quantity: z.number(), price: money, total: money }),
      ),
    }),
  ),
  subtotal: money,
  discount: money,
  shipping: money,
  tax: money,
  total: money,
});
export type LinkedOrder = z.infer<typeof linkedOrderSchema>;

const contactSchema = z.object({ id: z.number().int().positive(), name: z.string() });

/** One of the customer's orders that has no deal, as the deal panel's picker lists it. */
const orderChoiceSchema = z.object({
  orderId: z.number().int().positive(),
  /** As Shop-Script shows it, e.g. "#1003". */
  number: z.string(),
  createdAt: z.string(),
  state: z.object({ id: z.string(), name: z.string(), color: z.string().nullable() }),
  total: money,
  currency: z.string(),
  /** Product lines (services are part of their product). */
  itemsCount: z.number().int().nonnegative(),
});
export type OrderChoice = z.infer<typeof orderChoiceSchema>;

export const dealPageMessages = {
  /** The linked order's panel for a deal; `order` null when the deal is not linked. */
  'deal.order': defineMessage(
    'content',
    z.object({ dealId: z.number().int().positive() }),
    z.object({
      linked: z.boolean(),
      order: linkedOrderSchema.nullable(),
      /** The deal's client (null: the deal has none, so no order can be linked to it). */
      customer: contactSchema.nullable(),
      /** Set when the deal is linked but its order cannot be shown (deleted, no rights, …). */
      orderError: z.object({ code: z.string(), message: z.string() }).nullable(),
      pending: z.array(syncItemSchema),
      problems: z.array(syncItemSchema),
    }),
  ),
  /**
   * "Link an order": the deal's client's orders that have no deal, newest first, and what
   * linking needs (the deal's name, funnel and stage; where Shop-Script makes a new order for
   * the client). `linkedOrderId` is set when the deal got an order in the meantime.
   */
  'deal.orderChoices': defineMessage(
    'content',
    z.object({ dealId: z.number().int().positive() }),
    z.object({
      deal: z.object({
        id: z.number().int().positive(),
        name: z.string(),
        funnelId: z.number().int(),
        stageId: z.number().int(),
      }),
      customer: contactSchema.nullable(),
      linkedOrderId: z.number().int().positive().nullable(),
      orders: z.array(orderChoiceSchema),
      newOrderUrl: z.string().nullable(),
    }),
  ),
  /**
   * The deal panel needs one of its rarely shown parts for the first time: inject the panel's
   * second script into the asking tab (a separate file so that deal-page.js stays small).
   */
  'deal.loadMore': defineMessage('content', z.object({}), z.object({ loaded: z.boolean() })),
};
