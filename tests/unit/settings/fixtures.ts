import type { SettingsCatalog } from '@/utils/settings/catalog-view';
import { defaultSettings, type Rule, type Settings } from '@/utils/settings/schema';
import {
  defaultActionHasForm,
  defaultActionName,
  defaultActionTarget,
  defaultFormChoice,
  isMappableAction,
  workflowActionOrder,
} from '@/utils/settings/workflow';

/** The default Shop-Script workflow as shop.settings.get reports it (real capture), and two funnels. */
export const STATES: SettingsCatalog['states'] = [
  [
    'new',
    'New',
    'process,initpay,pay,fulfilling,ship,complete,comment,edit,editcode,editshippingdetails,message,delete,sendpin',
  ],
  [
    'processing',
    'Confirmed',
    'initpay,pay,fulfilling,ship,complete,comment,edit,editcode,editshippingdetails,message,delete,sendpin',
  ],
  ['auth', 'Payment is authorized', 'capture,cancel,comment,message,sendpin'],
  ['paid', 'Paid', 'fulfilling,ship,editcode,editshippingdetails,complete,refund,comment,message,sendpin'],
  ['fulfilling', 'Fulfilling', 'ship,editcode,editshippingdetails,complete,comment,delete,message'],
  ['shipped', 'Sent', 'editcode,editshippingdetails,complete,comment,delete,message,sendpin'],
  ['completed', 'Completed', 'editcode,comment,refund,message'],
  ['refunded', 'Refunded', 'message'],
  ['deleted', 'Deleted', 'restore,message'],
].map(([id, name, actions]) => ({ id, name, color: null, availableActions: actions.split(',') }));

export function catalog(overrides: Partial<SettingsCatalog> = {}): SettingsCatalog {
  const states = overrides.states ?? STATES;
  return {
    funnels: [
      {
        id: 1,
        name: 'Sales',
        color: '#6bb532',
        isArchived: false,
        stages: [1, 2, 3, 4, 5].map((id) => ({ id, name: `Stage ${id}`, color: null, number: id })),
      },
      {
        id: 2,
        name: 'Wholesale B2B',
        color: null,
        isArchived: true,
        stages: [6, 7, 8].map((id, i) => ({ id, name: `Stage ${id}`, color: null, number: i })),
      },
    ],
    states,
    actions: workflowActionOrder(states)
      .filter(isMappableAction)
      .map((id) => {
        const target = defaultActionTarget(id);
        return {
          id,
          name: defaultActionName(id, 'en') ?? id,
          nameSource: 'default' as const,
          targetStateId: target === 'previous' ? null : target,
          hasForm: defaultActionHasForm(id),
        };
      }),
    storefronts: [{ id: 'shop.example.com/', name: 'shop.example.com/' }],
    users: [
      { id: 1, name: 'Admin' },
      { id: 2, name: 'Manager' },
    ],
    me: { id: 1, name: 'Admin' },
    ...overrides,
  };
}

export function rule(
  actionId: string,
  target: Rule['target'] | number | 'won' | 'lost',
  extra: Partial<Rule> = {},
): Rule {
  const t: Rule['target'] =
    typeof target === 'number'
      ? { kind: 'stage', stageId: target }
      : target === 'won' || target === 'lost'
        ? { kind: target }
        : target;
  return {
    actionId,
    target: t,
    direction: 'both',
    allowBackward: false,
    formChoice: defaultFormChoice(actionId),
    ...extra,
  };
}

export function settingsWith(rules: Rule[], extra: Partial<Settings> = {}, funnelId = 1): Settings {
  return { ...defaultSettings(), mappings: [{ funnelId, rules }], ...extra };
}
