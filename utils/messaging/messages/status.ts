import { z } from 'zod';
import { defineMessage } from '../define';
import { activityEntrySchema, syncItemSchema, syncStatusSchema } from '../models';

export const statusMessages = {
  /** Everything the popup shows at a glance. */
  'status.get': defineMessage(
    'extension',
    z.object({ activityLimit: z.number().int().min(0).max(1000).default(50) }),
    z.object({
      status: syncStatusSchema,
      pending: z.array(syncItemSchema),
      problems: z.array(syncItemSchema),
      activity: z.array(activityEntrySchema),
    }),
  ),
  'activity.export': defineMessage(
    'extension',
    z.object({ format: z.enum(['csv', 'json']) }),
    z.object({ filename: z.string(), mime: z.string(), text: z.string() }),
  ),
};
