/**
 * `npm run soak [-- --seed N --cycles N --browser-cycles N --two-browsers-orders N]`: the full reliability soak.
 *
 * Part 1 (node): the sync engine's browser-free core, in this process, against a simulated
 * Webasyst with random faults, the worker stopped about every 50 cycles, and a scripted
 * user — 1,000 cycles by default, judged against a clean run of the same changes.
 * Part 2 (browser): the built extension in Chromium, its real service worker stopped by
 * the browser's own means about every 50 cycles, with faults and user changes, judged the
 * same way. Part 3: two browsers with automatic creation on and 200 new orders: exactly
 * 200 deals. Ends with a one-line verdict.
 */
import 'fake-indexeddb/auto';
import { runSoak, verdictLine } from './soak';
import { runBrowserSoak, browserVerdictLine } from './browser-soak';
import { runTwoBrowsers, twoBrowsersVerdictLine } from './two-browsers';

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
}

async function main(): Promise<void> {
  const seed = arg('seed', 20240611);
  const cycles = arg('cycles', 1000);
  const browserCycles = arg('browser-cycles', 100);
  const log = (line: string) => console.log(`  ${line}`);

  console.log(`Soak, part 1: ${cycles} cycles of the sync core in node (seed ${seed})`);
  const node = await runSoak({ seed, cycles, workerStopEvery: 50, faultChance: 0.5, userChangesPerCycle: 3, log });
  for (const line of [
    ...node.mismatches,
    ...node.duplicateDeals,
    ...node.doubles,
    ...node.leftPending,
    ...node.unexplained,
  ])
    console.log(`  ✖ ${line}`);
  for (const p of node.problems)
    console.log(`  parked: ${p.id} — ${p.explanation}${p.inCleanRun ? ' (the clean run parked it too)' : ''}`);
  console.log(`  ${verdictLine(node)} in ${(node.durationMs / 1000).toFixed(1)} s`);

  let browserOk = true;
  let browserLine = 'browser part skipped';
  if (browserCycles > 0) {
    console.log(`\nSoak, part 2: ${browserCycles} cycles through the extension's service worker in Chromium`);
    const browser = await runBrowserSoak({
      seed: seed + 1,
      cycles: browserCycles,
      workerStopEvery: 50,
      faultChance: 0.4,
      userChangesPerCycle: 2,
      midCycleStops: true,
      log,
    });
    for (const line of browser.violations) console.log(`  ✖ ${line}`);
    for (const p of browser.problems) console.log(`  parked: ${p}`);
    browserOk = browser.ok;
    browserLine = browserVerdictLine(browser);
    console.log(`  ${browserLine}`);
  }

  const twoOrders = arg('two-browsers-orders', 200);
  let twoOk = true;
  let twoLine = 'two browsers skipped';
  if (twoOrders > 0) {
    console.log(`\nSoak, part 3: two browsers with automatic creation on, ${twoOrders} new orders`);
    const two = await runTwoBrowsers(twoOrders);
    twoLine = twoBrowsersVerdictLine(two);
    twoOk = twoLine.includes(' PASS');
    console.log(`  ${twoLine}`);
  }

  const ok = node.ok && browserOk && twoOk;
  console.log(
    `\n${ok ? 'SOAK PASSED' : 'SOAK FAILED'} — node: ${verdictLine(node)}; browser: ${browserLine}; ${twoLine}`,
  );
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  console.log('SOAK FAILED — the soak itself crashed');
  process.exit(1);
});
