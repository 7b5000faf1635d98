import { z } from 'zod';
import { defineMessage } from '../define';
import { activityEntrySchema, syncItemSchema, syncStatusSchema } from '../models';

/** The last entry a page showed; the next page starts just after it (the log is indexed by [at, id]). */
const activityCursorSchema = z.object({ at: z.number(), id: z.string().min(1).max(200) });

export const statusMessages = {
  /** Everything the popup shows at a glance. Lists are capped; the counts in `status` are not. */
  'status.get': defineMessage(
    'extension',
    z.object({ activityLimit: z.number().int().min(0).max(1000).default(50) }),
    z.object({
      status: syncStatusSchema,
      pending: z.array(syncItemSchema),
      problems: z.array(syncItemSchema),
      activity: z.array(activityEntrySchema),
      /** Older entries exist beyond `activity` ("show more"). */
      activityHasMore: z.boolean(),
    }),
  ),
  /** The next page of the activity log, newest first, after `before`. */
  'activity.list': defineMessage(
    'extension',
    z.object({
      limit: z.number().int().min(1).max(200).default(50),
      before: activityCursorSchema.nullable().default(null),
    }),
    z.object({ entries: z.array(activityEntrySchema), hasMore: z.boolean() }),
  ),
  'activity.export': defineMessage(
    'extension',
    z.object({ format: z.enum(['csv', 'json']) }),
    z.object({ filename: z.string(), mime: z.string(), text: z.string() }),
  ),
};
