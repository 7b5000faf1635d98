import { z } from 'zod';
import { defineMessage } from '../define';
import { settingsSchema } from '../../settings/schema';

export const settingsMessages = {
  'settings.get': defineMessage('extension', z.object({}), settingsSchema),
  /** Validated again in the background; takes effect without reloading the extension. */
  'settings.save': defineMessage('extension', z.object({ settings: settingsSchema }), settingsSchema),
};
