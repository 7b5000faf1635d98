import type { ApiMethod } from '../registry';
import { dealMethods } from './deals';
import { history } from './history';
import { miscMethods } from './misc';

export const crmMethods: Record<string, ApiMethod> = {
  ...dealMethods,
  ...miscMethods,
  'crm.history': history,
};
