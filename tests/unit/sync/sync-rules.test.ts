import { describe, expect, it } from 'vitest';
import { settingsSchema, SETTINGS_VERSION, type Settings } from '../../../utils/settings/schema';
import { DEFAULT_ACTIONS, isMappableAction } from '../../../utils/settings/workflow';
import {
  autoCreateFor,
  dealTargetForActions,
  isBackwardMove,
  normalizeStorefront,
  orderActionMatters,
  orderCandidatesForDeal,
  rulesFor,
  type FunnelInfo,
} from '../../../utils/sync/model/rules';

const settings = (patch: Record<string, unknown> = {}): Settings =>
  settingsSchema.parse({ version: SETTINGS_VERSION, ...patch });
const FUNNELS: FunnelInfo[] = [
  { id: 1, name: 'Sales', stages: [1, 2, 3, 4, 5].map((id) => ({ id, name: `S${id}`, number: id })) },
  { id: 2, name: 'B2B', stages: [6, 7, 8, 9].map((id) => ({ id, name: `W${id}`, number: id - 6 })) },
];
const MAPPABLE = Object.keys(DEFAULT_ACTIONS).filter(isMappableAction);

describe('order → deal: every default workflow action', () => {
  it.each(MAPPABLE)('%s mapped to a stage moves the deal there; mapped to won/lost closes it', (actionId) => {
    for (const target of [{ kind: 'stage', stageId: 3 }, { kind: 'won' }, { kind: 'lost' }] as const) {
      const s = settings({ mappings: [{ funnelId: 1, rules: [{ actionId, target }] }] });
      const planned = dealTargetForActions(rulesFor(s, 1), [actionId]);
      expect(planned?.target).toEqual(target);
      expect(planned?.actionId).toBe(actionId);
      expect(orderActionMatters(s, actionId)).toBe(true);
    }
  });

  it.each(MAPPABLE.filter((a) => a !== 'restore'))('%s unmapped does nothing', (actionId) => {
    const s = settings();
    expect(dealTargetForActions(rulesFor(s, 1), [actionId])).toBeNull();
    expect(orderActionMatters(s, actionId)).toBe(false);
  });

  it('restore reopens the deal even unmapped, and its own rule applies on top', () => {
    expect(dealTargetForActions(rulesFor(settings(), 1), ['restore'])?.target).toEqual({ kind: 'reopen' });
    const s = settings({
      mappings: [{ funnelId: 1, rules: [{ actionId: 'restore', target: { kind: 'stage', stageId: 2 } }] }],
    });
    expect(dealTargetForActions(rulesFor(s, 1), ['restore'])?.target).toEqual({ kind: 'stage', stageId: 2 });
  });

  it.each([
    { actions: ['process', 'pay', 'comment'], expected: { kind: 'stage', stageId: 3 } },
    { actions: ['pay', 'process'], expected: { kind: 'stage', stageId: 2 } },
    { actions: ['delete', 'restore'], expected: { kind: 'reopen' } },
    { actions: ['process', 'complete'], expected: { kind: 'won' } },
    { actions: ['comment'], expected: null },
  ])('several actions at once ($actions): the last one that means something wins', ({ actions, expected }) => {
    const s = settings({
      mappings: [
        {
          funnelId: 1,
          rules: [
            { actionId: 'process', target: { kind: 'stage', stageId: 2 } },
            { actionId: 'pay', target: { kind: 'stage', stageId: 3 } },
            { actionId: 'complete', target: { kind: 'won' } },
            { actionId: 'delete', target: { kind: 'lost' } },
          ],
        },
      ],
    });
    expect(dealTargetForActions(rulesFor(s, 1), actions)?.target ?? null).toEqual(expected);
  });

  it('a rule for one direction only is ignored in the other, and "none" means no action', () => {
    const s = settings({
      mappings: [
        {
          funnelId: 1,
          rules: [
            { actionId: 'process', target: { kind: 'stage', stageId: 2 }, direction: 'deal_to_order' },
            { actionId: 'ship', target: { kind: 'none' } },
          ],
        },
      ],
    });
    expect(dealTargetForActions(rulesFor(s, 1), ['process'])).toBeNull();
    expect(dealTargetForActions(rulesFor(s, 1), ['ship'])).toBeNull();
    expect(
      orderCandidatesForDeal(rulesFor(s, 1), { stageId: 2, status: 'OPEN' }, { backward: false, reopened: false })
        .actionIds,
    ).toEqual(['process']);
  });

  it('rules belong to their funnel', () => {
    const s = settings({
      mappings: [{ funnelId: 2, rules: [{ actionId: 'pay', target: { kind: 'stage', stageId: 7 } }] }],
    });
    expect(dealTargetForActions(rulesFor(s, 1), ['pay'])).toBeNull();
    expect(dealTargetForActions(rulesFor(s, 2), ['pay'])?.target).toEqual({ kind: 'stage', stageId: 7 });
  });
});

describe('deal → order: close rules and stage rules', () => {
  const change = { backward: false, reopened: false };
  it.each([
    { close: { wonCompletes: true, lostDeletes: true }, status: 'WON', expected: ['complete'] },
    { close: { wonCompletes: false, lostDeletes: true }, status: 'WON', expected: [] },
    { close: { wonCompletes: true, lostDeletes: true }, status: 'LOST', expected: ['delete'] },
    { close: { wonCompletes: true, lostDeletes: false }, status: 'LOST', expected: [] },
  ] as const)('closeRules $close: a $status deal asks for $expected', ({ close, status, expected }) => {
    const rules = rulesFor(settings({ closeRules: close }), 1);
    expect(orderCandidatesForDeal(rules, { stageId: 1, status }, change).actionIds).toEqual(expected);
  });

  it('close rules never act in the order → deal direction', () => {
    const rules = rulesFor(settings(), 1);
    expect(dealTargetForActions(rules, ['complete'])).toBeNull();
    expect(dealTargetForActions(rules, ['delete'])).toBeNull();
  });

  it('a table rule replaces a close rule only in the direction it covers; other won rules come first', () => {
    const won = (rules: unknown[]) =>
      orderCandidatesForDeal(
        rulesFor(settings({ mappings: [{ funnelId: 1, rules }] }), 1),
        { stageId: 1, status: 'WON' },
        change,
      ).actionIds;
    // Deal → order for "complete": the table says what a won deal does.
    expect(
      won([
        { actionId: 'complete', target: { kind: 'stage', stageId: 5 } },
        { actionId: 'pickup', target: { kind: 'won' } },
      ]),
    ).toEqual(['pickup']);
    // Order → deal only (seen on a running installation): "won → complete" stays in force.
    expect(won([{ actionId: 'complete', target: { kind: 'won' }, direction: 'order_to_deal' }])).toEqual(['complete']);
    // A row with no target covers no direction.
    expect(won([{ actionId: 'complete', target: { kind: 'none' } }])).toEqual(['complete']);
    const lost = orderCandidatesForDeal(
      rulesFor(settings({ mappings: [{ funnelId: 1, rules: [{ actionId: 'refund', target: { kind: 'lost' } }] }] }), 1),
      { stageId: 1, status: 'LOST' },
      change,
    );
    expect(lost.actionIds).toEqual(['refund', 'delete']);
  });

  it('close rules carry their form choice: won runs, lost asks by default', () => {
    const rules = rulesFor(settings(), 1);
    expect(rules.filter((r) => r.implicit).map((r) => [r.actionId, r.formChoice])).toEqual([
      ['complete', 'run'],
      ['delete', 'ask'],
    ]);
    const chosen = rulesFor(
      settings({ closeRules: { wonCompletes: true, lostDeletes: true, wonFormChoice: 'ask', lostFormChoice: 'run' } }),
      1,
    );
    expect(chosen.filter((r) => r.implicit).map((r) => r.formChoice)).toEqual(['ask', 'run']);
  });

  it('a backward move runs only rules that allow it; a reopen asks for restore', () => {
    const s = settings({
      mappings: [
        {
          funnelId: 1,
          rules: [
            { actionId: 'process', target: { kind: 'stage', stageId: 2 } },
            { actionId: 'edit_custom', target: { kind: 'stage', stageId: 2 }, allowBackward: true },
          ],
        },
      ],
    });
    const rules = rulesFor(s, 1);
    expect(orderCandidatesForDeal(rules, { stageId: 2, status: 'OPEN' }, change).actionIds).toEqual([
      'process',
      'edit_custom',
    ]);
    expect(
      orderCandidatesForDeal(rules, { stageId: 2, status: 'OPEN' }, { backward: true, reopened: false }).actionIds,
    ).toEqual(['edit_custom']);
    expect(
      orderCandidatesForDeal(rules, { stageId: 2, status: 'OPEN' }, { backward: false, reopened: true }).actionIds,
    ).toEqual(['restore']);
  });

  it('backward means a lower stage number in the same funnel', () => {
    expect(isBackwardMove(FUNNELS, 4, 2)).toBe(true);
    expect(isBackwardMove(FUNNELS, 2, 4)).toBe(false);
    expect(isBackwardMove(FUNNELS, 4, 7)).toBe(false); // another funnel
    expect(isBackwardMove(FUNNELS, null, 2)).toBe(false);
  });
});

describe('automatic creation per storefront', () => {
  const s = settings({
    autoCreate: [
      { storefront: 'https://Shop.example.com/store/', enabled: true, funnelId: 1, stageId: 1 },
      { storefront: '', enabled: true, trigger: 'order_process', funnelId: 2, stageId: 6 },
      { storefront: 'off.example.com', enabled: false, funnelId: 1, stageId: 1 },
    ],
  });
  it.each([
    ['shop.example.com/store', 1],
    ['shop.example.com/store/*', 1],
    ['', 2],
    ['off.example.com', null],
    ['other.example.com', null],
  ] as const)('storefront %j → funnel %s', (storefront, funnel) => {
    expect(autoCreateFor(s, storefront)?.funnelId ?? null).toBe(funnel);
  });
  it('normalises like Webasyst compares storefronts', () => {
    expect(normalizeStorefront(' HTTPS://a.b/c/// ')).toBe('a.b/c');
  });
});
