import { z } from 'zod';
import { defineMessage } from '../define';
import { settingsSchema } from '../../settings/schema';
import { settingsCatalogSchema } from '../../settings/catalog-view';
import { previewRequestSchema, previewResultSchema } from '../../preview/types';

export const settingsMessages = {
  'settings.get': defineMessage('extension', z.object({}), settingsSchema),
  /** Validated again in the background; takes effect without reloading the extension. */
  'settings.save': defineMessage('extension', z.object({ settings: settingsSchema }), settingsSchema),
  /** Funnels and stages, order states and actions, storefronts and users of the connected installation, read live. */
  'settings.catalog': defineMessage(
    'extension',
    z.object({ refresh: z.boolean().default(false), lang: z.enum(['en', 'ru']).optional() }),
    settingsCatalogSchema,
  ),
  /** Dry run: what the given (unsaved) rules would have done to the latest orders and deals. Reads only. */
  'settings.preview': defineMessage('extension', previewRequestSchema, previewResultSchema),
};
