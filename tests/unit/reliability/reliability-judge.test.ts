import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../../sim/server';
import { EffectLedger } from '../../reliability/ledger';
import { pairSnapshot, sameSnapshot } from '../../reliability/pairs';
import { createRng } from '../../reliability/prng';
import { HOSTILE_STRINGS } from '../../fixtures/hostile-strings';

/** The soak's judges must be able to fail: each is shown a run that breaks its rule. */
let sims: Sim[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});
const start = async () => {
  const sim = await startSimulator({ seed: 'demo' });
  sims.push(sim);
  return sim;
};

describe('the soak judges', () => {
  it('the ledger reports an action Dealbridge ran twice, and not one the user repeated', async () => {
    const sim = await start();
    const ledger = new EffectLedger(sim);
    ledger.user(() => sim.state.runOrderAction(2, 'pay', 1));
    sim.state.runOrderAction(2, 'ship', 1);
    expect(ledger.doubles()).toEqual([]);
    sim.state.moveDeal(9, 3, 1, { force: true });
    sim.state.moveDeal(9, 2, 1, { force: true });
    sim.state.moveDeal(9, 3, 1, { force: true });
    expect(ledger.doubles()).toEqual([]);
    sim.state.runOrderAction(3, 'comment', 1, { text: 'x' });
    sim.state.runOrderAction(3, 'comment', 1, { text: 'x' });
    expect(ledger.doubles()).toEqual(['ran twice: order_action:3:comment']);
  });

  it('the ledger reports a second deal created for one order', async () => {
    const sim = await start();
    const ledger = new EffectLedger(sim);
    sim.state.createDealFromBackend(7, { dealId: 'new', funnelId: 1, stageId: 1 }, 1);
    expect(ledger.doubles()).toEqual([]);
    sim.state.createDealFromBackend(7, { dealId: 'new', funnelId: 1, stageId: 1 }, 1);
    expect(ledger.doubles()).toContain('2 deals created for order 7');
  });

  it('pair snapshots differ when one side moved and agree otherwise', async () => {
    const a = await start();
    const b = await start();
    expect(sameSnapshot(pairSnapshot(a, 1), pairSnapshot(b, 1))).toBe(true);
    a.state.moveDeal(6, 4, 1, { force: true });
    expect(sameSnapshot(pairSnapshot(a, 1), pairSnapshot(b, 1))).toBe(false);
    a.state.createDealFromBackend(7, { dealId: 'new', funnelId: 1, stageId: 1 }, 1);
    expect(pairSnapshot(a, 7).deals).toHaveLength(1);
    expect(pairSnapshot(b, 7).deals).toHaveLength(0);
  });

  it('the PRNG repeats a run for the same seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const seq = (r: ReturnType<typeof createRng>) => Array.from({ length: 5 }, () => r.int(1000));
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
  });

  it('the hostile corpus has 100+ distinct payloads of every kind', () => {
    expect(HOSTILE_STRINGS.length).toBeGreaterThanOrEqual(100);
    const groups = new Set(HOSTILE_STRINGS.map((s) => s.id.split('-')[0]));
    expect([...groups].sort()).toEqual(['dataFormats', 'lengths', 'markup', 'templates', 'unicode', 'urls']);
    const all = HOSTILE_STRINGS.map((s) => s.text);
    for (const needle of [
      '<script>',
      'onerror=',
      'javascript:',
      '\u202E',
      '\uD800',
      '{{',
      '${',
      '=HYPERLINK',
      '\u200B',
      '😀',
    ]) {
      expect(
        all.some((t) => t.includes(needle)),
        needle,
      ).toBe(true);
    }
    expect(all.some((t) => t.length >= 1000)).toBe(true);
  });
});
