import { describe, expect, it } from 'vitest';
import {
  parseTargetValue,
  removeFunnelRules,
  sameSettings,
  setAutoCreate,
  setNewDealFunnel,
  setRule,
  sortRulesByWorkflow,
  targetValue,
} from '@/components/options/draft';
import { defaultSettings } from '@/utils/settings/schema';
import { catalog, rule, settingsWith } from '../settings/fixtures';

describe('editing the draft', () => {
  it('adds, changes and removes a row, dropping empty tables', () => {
    let s = setRule(defaultSettings(), 1, 'pay', { target: { kind: 'stage', stageId: 3 } });
    expect(s.mappings).toEqual([{ funnelId: 1, rules: [rule('pay', 3)] }]);
    s = setRule(s, 1, 'pay', { allowBackward: true });
    expect(s.mappings[0].rules[0]).toEqual(rule('pay', 3, { allowBackward: true }));
    s = setRule(s, 1, 'pay', { target: { kind: 'none' } });
    expect(s.mappings).toEqual([]);
  });

  it('keeps one row per action when an imported table had duplicates', () => {
    const s = setRule(settingsWith([rule('pay', 3), rule('ship', 4), rule('pay', 5)]), 1, 'pay', {
      direction: 'deal_to_order',
    });
    expect(s.mappings[0].rules).toEqual([rule('pay', 3, { direction: 'deal_to_order' }), rule('ship', 4)]);
  });

  it('sorts rules into workflow order and leaves sorted settings untouched', () => {
    const s = settingsWith([rule('ship', 4), rule('unknown_x', 5), rule('process', 2)]);
    const sorted = sortRulesByWorkflow(s, ['process', 'pay', 'ship']);
    expect(sorted.mappings[0].rules.map((r) => r.actionId)).toEqual(['process', 'ship', 'unknown_x']);
    expect(sortRulesByWorkflow(sorted, ['process', 'pay', 'ship'])).toBe(sorted);
  });

  it('round-trips select values', () => {
    for (const target of [
      { kind: 'none' },
      { kind: 'won' },
      { kind: 'lost' },
      { kind: 'stage', stageId: 12 },
    ] as const) {
      expect(parseTargetValue(targetValue(target))).toEqual(target);
    }
    expect(parseTargetValue('stage:x')).toEqual({ kind: 'none' });
  });

  it('automatic creation keeps funnel and stage together', () => {
    const c = catalog();
    let s = setAutoCreate(defaultSettings(), c, 'shop.example.com/', { enabled: true });
    expect(s.autoCreate[0]).toMatchObject({ funnelId: 1, stageId: 1 });
    s = setAutoCreate(s, c, 'shop.example.com/', { stageId: 3 });
    s = setAutoCreate(s, c, 'shop.example.com/', { funnelId: 2 });
    expect(s.autoCreate[0]).toMatchObject({ funnelId: 2, stageId: 6 });
  });

  it('new-deal defaults: a funnel brings its first stage; none clears both', () => {
    const c = catalog();
    expect(setNewDealFunnel(defaultSettings(), c, 1).newDeal).toEqual({ funnelId: 1, stageId: 1 });
    expect(setNewDealFunnel(defaultSettings(), c, null).newDeal).toEqual({ funnelId: null, stageId: null });
  });

  it('removes a gone funnel’s rules and compares settings regardless of key order', () => {
    expect(removeFunnelRules(settingsWith([rule('pay', 3)], {}, 99), 99).mappings).toEqual([]);
    expect(sameSettings({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameSettings({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});
