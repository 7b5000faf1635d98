import { z } from 'zod';
import { settingsSchema } from '../settings/schema';
import { pairChangeShape } from '../messaging/models';

/** The dry run's request and result, as they cross the message boundary. */

export const PREVIEW_LIMIT = 50;

export const previewRequestSchema = z.object({
  settings: settingsSchema,
  /** How many of the latest orders and of the latest deal changes to look at. */
  limit: z.number().int().min(1).max(200).default(PREVIEW_LIMIT),
  lang: z.enum(['en', 'ru']).optional(),
});

const previewChangeSchema = z.object({
  /** Which side the rules would have changed. */
  side: z.enum(['deal', 'order']),
  /** 'change': the rules would have done it; 'problem': they wanted to, but could not (a person would be asked). */
  outcome: z.enum(['change', 'problem']),
  ...pairChangeShape,
  /** When the observed change happened (ms), when known. */
  at: z.number().nullable(),
});
export type PreviewChange = z.infer<typeof previewChangeSchema>;

export const previewResultSchema = z.object({
  ordersExamined: z.number().int(),
  dealsExamined: z.number().int(),
  changes: z.array(previewChangeSchema),
  /** Things the dry run could not judge (e.g. an order it could not read). */
  notes: z.array(z.string()),
});
export type PreviewResult = z.infer<typeof previewResultSchema>;
