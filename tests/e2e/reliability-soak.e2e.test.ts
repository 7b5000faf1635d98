import { describe, expect, it } from 'vitest';
import { runSoak, verdictLine } from '../reliability/soak';
import { runBrowserSoak, browserVerdictLine } from '../reliability/browser-soak';

/**
 * The short soak inside `npm test` (the full one is `npm run soak`). Node part: the sync core
 * with random faults and worker stops, judged against a clean run of the same user changes.
 * Browser part: the real service worker, stopped by Chromium between cycles, with faults.
 * Seeds are fixed so that a failure reproduces; the report says what went wrong.
 */
describe('short soak', () => {
  it('node: 40 cycles with faults and worker stops end as the clean run, nothing doubled or lost', async () => {
    const report = await runSoak({
      seed: 4242,
      cycles: 40,
      workerStopEvery: 10,
      faultChance: 0.5,
      userChangesPerCycle: 3,
    });
    const details = [
      ...report.mismatches,
      ...report.duplicateDeals,
      ...report.doubles,
      ...report.leftPending,
      ...report.unexplained,
    ];
    expect(details, verdictLine(report)).toEqual([]);
    expect(report.ok).toBe(true);
    // The run did what it claims: faults of several kinds, worker stops, changes on both sides.
    expect(Object.keys(report.faultsInjected).length).toBeGreaterThanOrEqual(4);
    expect(report.workerStops).toBeGreaterThanOrEqual(1);
    expect(report.userChanges).toBeGreaterThanOrEqual(40);
    expect(report.newOrders).toBeGreaterThanOrEqual(5);
    for (const problem of report.problems) expect(problem.explanation.length).toBeGreaterThan(0);
  }, 120_000);

  it('browser: cycles in the real service worker, stopped between cycles, end as the clean run', async () => {
    const report = await runBrowserSoak({
      seed: 4343,
      cycles: 8,
      workerStopEvery: 3,
      faultChance: 0.5,
      userChangesPerCycle: 2,
    });
    expect(report.violations, browserVerdictLine(report)).toEqual([]);
    expect(report.workerStops).toBeGreaterThanOrEqual(2);
    expect(report.userChanges).toBeGreaterThanOrEqual(6);
  }, 150_000);
});
