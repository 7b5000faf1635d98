import { describe, expect, it } from 'vitest';
import { buildSettingsCatalog, statesToAskForNames, type CatalogInput } from '@/utils/settings/build-catalog';

const state = (id: string, actions: string) => ({
  id,
  name: id.toUpperCase(),
  options: { color: null },
  available_actions: actions.split(','),
});

function input(overrides: Partial<CatalogInput> = {}): CatalogInput {
  return {
    funnels: [
      {
        id: 2,
        name: 'B2B',
        color: null,
        is_archived: true,
        stages: [
          { id: 7, name: 'Later', color: null, number: 2 },
          { id: 6, name: 'First', color: '#fff', number: 0 },
        ],
      },
    ],
    states: [
      state('new', 'process,edit,pay,myplugin_call,comment'),
      state('processing', 'pay,ship,callback,settle,editcode'),
      state('paid', 'ship,refund,custom_x'),
    ],
    storefronts: [
      { url: 'shop.example.com/', url_decoded: 'shop.example.com/' },
      { url: 'xn--e1afmkfd.xn--p1ai/', url_decoded: 'пример.рф/' },
    ],
    users: [{ id: 1, name: 'Admin' }],
    me: { id: 1, name: 'Admin' },
    learnedNames: new Map(),
    lang: 'en',
    ...overrides,
  };
}

describe('the options page’s catalog', () => {
  it('lists mappable actions in workflow order, leaving out what Webasyst leaves out', () => {
    const catalog = buildSettingsCatalog(input());
    expect(catalog.actions.map((a) => a.id)).toEqual([
      'process',
      'pay',
      'myplugin_call',
      'comment',
      'ship',
      'refund',
      'custom_x',
    ]);
  });

  it('names default actions in the page’s language and knows where they lead', () => {
    const en = buildSettingsCatalog(input()).actions.find((a) => a.id === 'pay')!;
    const ru = buildSettingsCatalog(input({ lang: 'ru' })).actions.find((a) => a.id === 'pay')!;
    expect(en).toEqual({ id: 'pay', name: 'Paid', nameSource: 'default', targetStateId: 'paid', hasForm: true });
    expect(ru.name).toBe('Оплачен');
  });

  it('uses names the installation reported for custom actions and renamed defaults; ids otherwise', () => {
    const catalog = buildSettingsCatalog(
      input({
        learnedNames: new Map([
          ['myplugin_call', 'Call the customer'],
          ['ship', 'Handed to courier'],
          ['pay', 'Paid'],
        ]),
      }),
    );
    const byId = Object.fromEntries(catalog.actions.map((a) => [a.id, a]));
    expect(byId.myplugin_call).toMatchObject({
      name: 'Call the customer',
      nameSource: 'order',
      targetStateId: null,
      hasForm: null,
    });
    expect(byId.ship).toMatchObject({ name: 'Handed to courier', nameSource: 'order' });
    expect(byId.pay).toMatchObject({ name: 'Paid', nameSource: 'default' });
    expect(byId.custom_x).toMatchObject({ name: 'custom_x', nameSource: 'id' });
  });

  it('keeps funnels with stages in stage order, archived marked, and storefronts as orders name them', () => {
    const catalog = buildSettingsCatalog(input());
    expect(catalog.funnels[0]).toMatchObject({ isArchived: true, stages: [{ id: 6 }, { id: 7 }] });
    expect(catalog.storefronts[1]).toEqual({ id: 'xn--e1afmkfd.xn--p1ai/', name: 'пример.рф/' });
  });

  it('asks one order per state for the names of unnamed actions, and only where needed', () => {
    expect(statesToAskForNames(input())).toEqual(['new', 'paid']);
    expect(statesToAskForNames(input({ learnedNames: new Map([['myplugin_call', 'Call']]) }))).toEqual(['paid']);
    expect(statesToAskForNames(input({ states: [state('new', 'process,pay')] }))).toEqual([]);
  });
});
