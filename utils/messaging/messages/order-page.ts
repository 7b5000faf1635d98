import { z } from 'zod';
import { defineMessage } from '../define';
import { dealSummarySchema, syncItemSchema } from '../models';

const orderId = z.number().int().positive();

const funnelOptionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  color: z.string().nullable(),
  isArchived: z.boolean(),
  stages: z.array(z.object({ id: z.number().int(), name: z.string(), color: z.string().nullable() })),
});

export const orderPageMessages = {
  /** What the order page's control shows: the linked deal (or null) and this order's sync items. */
  'order.context': defineMessage(
    'content',
    z.object({ orderId }),
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
    z.object({ orderId, customerId: z.number().int().positive() }),
    z.object({
      deals: z.array(dealSummarySchema),
      funnels: z.array(funnelOptionSchema),
      users: z.array(z.object({ id: z.number().int(), name: z.string() })),
      me: z.object({ id: z.number().int(), name: z.string() }),
      defaults: z.object({ funnelId: z.number().int().nullable(), stageId: z.number().int().nullable() }),
    }),
  ),
  /** The page linked a deal through the backend endpoint: verify it by re-reading and cache the link. */
  'order.linked': defineMessage('content', z.object({ orderId, dealId: z.number().int().positive() }), dealSummarySchema),
};
