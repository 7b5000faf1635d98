import { describe, expect, it } from 'vitest';
import { checkSettings, type SettingsCheck } from '@/utils/settings/checks';
import type { Rule, Settings } from '@/utils/settings/schema';
import { catalog, rule, settingsWith } from './fixtures';

const kinds = (checks: SettingsCheck[], kind: SettingsCheck['kind']) => checks.filter((c) => c.kind === kind);

describe('several actions mapped to one target', () => {
  const cases: Array<{ name: string; rules: Rule[]; expected: Array<{ target: string; actionIds: string[] }> }> = [
    { name: 'one action per stage', rules: [rule('process', 2), rule('pay', 3)], expected: [] },
    {
      name: 'two actions on a stage, listed in workflow order (the first available runs)',
      rules: [rule('ship', 3), rule('pay', 3)],
      expected: [{ target: 'stage:3', actionIds: ['pay', 'ship'] }],
    },
    {
      name: 'order → deal only rules do not run deal → order',
      rules: [rule('pay', 3), rule('ship', 3, { direction: 'order_to_deal' })],
      expected: [],
    },
    {
      name: 'won from two actions',
      rules: [rule('complete', 'won'), rule('ship', 'won', { direction: 'deal_to_order' })],
      expected: [{ target: 'won', actionIds: ['ship', 'complete'] }],
    },
    {
      name: '"No action" rows are ignored',
      rules: [rule('pay', { kind: 'none' }), rule('ship', { kind: 'none' })],
      expected: [],
    },
  ];
  it.each(cases)('$name', ({ rules, expected }) => {
    const found = kinds(checkSettings(settingsWith(rules), catalog()), 'several_actions');
    expect(found).toEqual(expected.map((e) => ({ kind: 'several_actions', funnelId: 1, ...e })));
  });
});

describe('an action never available from the states its stage implies', () => {
  const cases: Array<{
    name: string;
    rules: Rule[];
    extra?: Partial<Settings>;
    expected: Array<{ actionId: string; impliedStateIds: string[] }>;
  }> = [
    {
      name: 'a normal forward workflow',
      rules: [rule('process', 2), rule('pay', 3), rule('ship', 4), rule('complete', 'won')],
      expected: [],
    },
    {
      name: 'refund mapped after Confirmed: neither New nor Confirmed offers refund',
      rules: [rule('process', 2), rule('refund', 3)],
      expected: [{ actionId: 'refund', impliedStateIds: ['processing'] }],
    },
    {
      name: 'restore after Completed: never offered outside Deleted',
      rules: [rule('complete', 2), rule('restore', 4)],
      expected: [{ actionId: 'restore', impliedStateIds: ['completed'] }],
    },
    {
      name: 'nothing implied before the stage: cannot tell, no warning',
      rules: [rule('refund', 2)],
      expected: [],
    },
    {
      name: 'automatic creation on "order placed" implies New at its stage',
      rules: [rule('refund', 3)],
      extra: {
        autoCreate: [
          { storefront: '', enabled: true, trigger: 'order_create', funnelId: 1, stageId: 1, ownerId: null },
        ],
      },
      expected: [{ actionId: 'refund', impliedStateIds: ['new'] }],
    },
    {
      name: 'allow backward widens the states to later stages too',
      rules: [rule('process', 2), rule('refund', 3, { allowBackward: true }), rule('complete', 4)],
      expected: [],
    },
    {
      name: 'the same rule forward-only: only Confirmed comes before',
      rules: [rule('process', 2), rule('refund', 3), rule('complete', 4)],
      expected: [{ actionId: 'refund', impliedStateIds: ['processing'] }],
    },
    {
      name: 'order → deal only rules are not checked',
      rules: [rule('process', 2), rule('refund', 3, { direction: 'order_to_deal' })],
      expected: [],
    },
  ];
  it.each(cases)('$name', ({ rules, extra, expected }) => {
    const found = kinds(checkSettings(settingsWith(rules, extra), catalog()), 'never_available');
    expect(
      found.map((c) => c.kind === 'never_available' && { actionId: c.actionId, impliedStateIds: c.impliedStateIds }),
    ).toEqual(expected);
  });
});

describe('chains', () => {
  const noCloseRules = {
    closeRules: {
      wonCompletes: false,
      lostDeletes: false,
      wonFormChoice: 'run' as const,
      lostFormChoice: 'ask' as const,
    },
  };
  const cases: Array<{
    name: string;
    rules: Rule[];
    extra?: Partial<Settings>;
    expected: Array<{ steps: string; loop: boolean }>;
  }> = [
    {
      name: 'both-way rules are consistent',
      rules: [rule('process', 2), rule('pay', 3), rule('complete', 'won')],
      expected: [],
    },
    {
      name: 'one stage from two both-way actions is no chain',
      rules: [rule('pay', 3), rule('ship', 3)],
      expected: [],
    },
    {
      name: 'A reaches a stage that asks for another action B',
      rules: [rule('process', 2, { direction: 'order_to_deal' }), rule('pay', 2, { direction: 'deal_to_order' })],
      expected: [{ steps: 'process>stage:2 pay>null', loop: false }],
    },
    {
      name: 'won runs "complete" (close rule), whose own rule reopens the deal at a stage',
      rules: [rule('ship', 'won', { direction: 'order_to_deal' }), rule('complete', 5, { direction: 'order_to_deal' })],
      expected: [{ steps: 'ship>won complete>stage:5', loop: false }],
    },
    {
      name: 'a table rule that runs "complete" deal → order replaces the close rule: no chain',
      rules: [rule('ship', 'won', { direction: 'order_to_deal' }), rule('complete', 5)],
      expected: [],
    },
    {
      name: 'without the close rule there is no chain',
      rules: [rule('ship', 'won', { direction: 'order_to_deal' }), rule('complete', 5, { direction: 'order_to_deal' })],
      extra: noCloseRules,
      expected: [],
    },
    {
      name: 'A → stage → B → won → complete (close rule)',
      rules: [
        rule('process', 2, { direction: 'order_to_deal' }),
        rule('pay', 2, { direction: 'deal_to_order' }),
        rule('pay', 'won', { direction: 'order_to_deal' }),
      ],
      expected: [{ steps: 'process>stage:2 pay>won complete>null', loop: false }],
    },
    {
      name: 'a loop between two actions is drawn once',
      rules: [
        rule('pay', 3, { direction: 'order_to_deal' }),
        rule('ship', 3, { direction: 'deal_to_order' }),
        rule('ship', 4, { direction: 'order_to_deal' }),
        rule('pay', 4, { direction: 'deal_to_order' }),
      ],
      expected: [{ steps: 'pay>stage:3 ship>stage:4', loop: true }],
    },
  ];
  it.each(cases)('$name', ({ rules, extra, expected }) => {
    const found = kinds(checkSettings(settingsWith(rules, extra), catalog()), 'chain');
    expect(
      found.map(
        (c) => c.kind === 'chain' && { steps: c.steps.map((s) => `${s.actionId}>${s.target}`).join(' '), loop: c.loop },
      ),
    ).toEqual(expected);
  });
});

describe('duplicates and ids that no longer exist', () => {
  it.each<{ name: string; settings: Settings; expected: Array<Partial<SettingsCheck>> }>([
    { name: 'all ids exist', settings: settingsWith([rule('pay', 3)]), expected: [] },
    {
      name: 'a deleted funnel with rules',
      settings: settingsWith([rule('pay', 3)], {}, 99),
      expected: [{ kind: 'stale_funnel', funnelId: 99 }],
    },
    {
      name: 'a stage moved out of the funnel',
      settings: settingsWith([rule('pay', 7)]),
      expected: [{ kind: 'stale_stage', funnelId: 1, stageId: 7 }],
    },
    {
      name: 'an action gone from the workflow',
      settings: settingsWith([rule('myplugin_ship', 3)]),
      expected: [{ kind: 'stale_action', funnelId: 1, actionId: 'myplugin_ship' }],
    },
    {
      name: 'the same action twice in a funnel',
      settings: settingsWith([rule('pay', 3), rule('pay', 4)]),
      expected: [{ kind: 'duplicate_action', actionId: 'pay' }],
    },
    {
      name: 'automatic creation: removed storefront, deleted stage, archived funnel, unknown owner',
      settings: settingsWith([], {
        autoCreate: [
          {
            storefront: 'old.example.com/',
            enabled: true,
            trigger: 'order_create',
            funnelId: 1,
            stageId: 2,
            ownerId: null,
          },
          { storefront: '', enabled: true, trigger: 'order_process', funnelId: 1, stageId: 42, ownerId: 77 },
          {
            storefront: 'shop.example.com/',
            enabled: true,
            trigger: 'order_create',
            funnelId: 2,
            stageId: 6,
            ownerId: 2,
          },
        ],
      }),
      expected: [
        { kind: 'stale_storefront', storefront: 'old.example.com/' },
        { kind: 'stale_stage', funnelId: 1, stageId: 42 },
        { kind: 'stale_user', userId: 77 },
        { kind: 'archived_funnel', funnelId: 2 },
      ],
    },
    {
      name: 'disabled automatic creation is only checked for its storefront',
      settings: settingsWith([], {
        autoCreate: [
          { storefront: '', enabled: false, trigger: 'order_create', funnelId: 50, stageId: 51, ownerId: 77 },
        ],
      }),
      expected: [],
    },
    {
      name: 'new-deal defaults pointing at a deleted funnel',
      settings: settingsWith([], { newDeal: { funnelId: 40, stageId: 41 } }),
      expected: [{ kind: 'stale_funnel', funnelId: 40, where: { section: 'newDeal' } }],
    },
  ])('$name', ({ settings, expected }) => {
    const found = checkSettings(settings, catalog()).filter((c) => /^(stale|duplicate|archived)/.test(c.kind));
    expect(found).toHaveLength(expected.length);
    for (const [i, e] of expected.entries()) expect(found[i]).toMatchObject(e);
  });
});
