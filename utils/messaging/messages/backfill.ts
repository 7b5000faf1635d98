import { z } from 'zod';
import { defineMessage } from '../define';
import { backfillFiltersSchema, backfillRowSchema, backfillRunSchema } from '../../backfill/model';

/** Where the run is, with the estimate of time left (null until there is a pace). */
const backfillStatusViewSchema = z.object({
  run: backfillRunSchema.nullable(),
  leftMs: z.number().nonnegative().nullable(),
});
export type BackfillStatusView = z.infer<typeof backfillStatusViewSchema>;

const backfillPlanViewSchema = z.object({
  total: z.number().int().nonnegative(),
  link: z.number().int().nonnegative(),
  create: z.number().int().nonnegative(),
  skip: z.number().int().nonnegative(),
  rows: z.array(backfillRowSchema).max(1000),
});
export type BackfillPlanView = z.infer<typeof backfillPlanViewSchema>;

const none = z.object({});

/** The backfill of existing orders: only the options page may plan, start or stop it. */
export const backfillMessages = {
  'backfill.plan': defineMessage(
    'extension',
    z.object({ filters: backfillFiltersSchema, rows: z.number().int().min(1).max(1000).default(200) }),
    backfillPlanViewSchema,
  ),
  'backfill.start': defineMessage('extension', z.object({ filters: backfillFiltersSchema }), backfillStatusViewSchema),
  'backfill.pause': defineMessage('extension', none, backfillStatusViewSchema),
  'backfill.resume': defineMessage('extension', none, backfillStatusViewSchema),
  'backfill.cancel': defineMessage('extension', none, backfillStatusViewSchema),
  'backfill.status': defineMessage('extension', none, backfillStatusViewSchema),
  /** The results so far as CSV (UTF-8 with a BOM, so that spreadsheet programs read Cyrillic right). */
  'backfill.csv': defineMessage('extension', none, z.object({ filename: z.string(), csv: z.string() })),
};
