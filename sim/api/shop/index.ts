import type { ApiMethod } from '../registry';
import { orderMethods } from './orders';
import { settingsGet } from './settings';

export const shopMethods: Record<string, ApiMethod> = {
  ...orderMethods,
  'shop.settings.get': settingsGet,
};
