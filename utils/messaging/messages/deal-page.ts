import { z } from 'zod';
import { defineMessage } from '../define';
import { syncItemSchema } from '../models';

const money = z.number();

export const orderPanelSchema = z.object({
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
      services: z.array(z.object({ id: z.string(), name: z.string(), quantity: z.number(), price: money, total: money })),
    }),
  ),
  subtotal: money,
  discount: money,
  shipping: money,
  tax: money,
  total: money,
});
export type OrderPanel = z.infer<typeof orderPanelSchema>;

export const dealPageMessages = {
  /** The linked order's panel for a deal; `order` null when the deal is not linked. */
  'deal.order': defineMessage(
    'content',
    z.object({ dealId: z.number().int().positive() }),
    z.object({
      linked: z.boolean(),
      order: orderPanelSchema.nullable(),
      /** Set when the deal is linked but its order cannot be shown (deleted, no rights, …). */
      orderError: z.object({ code: z.string(), message: z.string() }).nullable(),
      pending: z.array(syncItemSchema),
      problems: z.array(syncItemSchema),
    }),
  ),
};
