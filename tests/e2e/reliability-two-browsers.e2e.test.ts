import { describe, expect, it } from 'vitest';
import { runTwoBrowsers, twoBrowsersVerdictLine } from '../reliability/two-browsers';

/**
 * Two browsers with automatic creation on, new orders arriving while both sync at the same
 * moments: exactly one deal per order. `npm run soak` runs the same with 200 orders.
 */
describe('two browsers with automatic creation on', () => {
  it('create exactly one deal for each of 20 new orders, and pay each order once when its deal moves to “Paid”', async () => {
    const report = await runTwoBrowsers(20);
    const line = twoBrowsersVerdictLine(report);
    expect(report.withoutDeal, line).toEqual([]);
    expect(report.withSeveralDeals, line).toEqual([]);
    expect(report.linkedDeals, line).toBe(20);
    expect(report.created - report.deleted, line).toBe(20);
    // "Paid" runs without its form in both browsers' rules: each order is paid exactly once.
    expect(report.notPaidOnce, line).toEqual([]);
  }, 180_000);
});
