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

export const dealPageMessages = {
  /** The linked order's panel for a deal; `order` null when the deal is not linked. */
  'deal.order': defineMessage(
    'content',
    z.object({ dealId: z.number().int().positive() }),
    z.object({
      linked: z.boolean(),
      order: linkedOrderSchema.nullable(),
      /** Set when the deal is linked but its order cannot be shown (deleted, no rights, …). */
      orderError: z.object({ code: z.string(), message: z.string() }).nullable(),
      pending: z.array(syncItemSchema),
      problems: z.array(syncItemSchema),
    }),
  ),
  /** The deal page shows a deal: inject the panel's view into the asking tab (utils/background/features/page-scripts.ts). */
  'deal.loadView': defineMessage('content', z.object({}), z.object({ loaded: z.boolean() })),
};
