/**
 * `npm test`: type-check, format and lint (Biome), the layer rules (dependency-cruiser), unused
 * exports and files (knip), build
 * the test extensions and the store packages, run the unit tests,
 * the store checks and the end-to-end tests,
 * and end with one line "N passed, N failed, N skipped" counting all of them
 * (the type-check, the format and lint, the layer rules and the unused-code check count as one each). Exits non-zero on any failure or when no test ran.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureBrowser, ensureFirefox } from './ensure-browser';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  numTotalTests: number;
}

const extraArgs = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

async function main(): Promise<void> {
  if (step('Type-check (tsc --noEmit)', 'npx', ['tsc', '--noEmit'])) passed += 1;
  else failed += 1;
  // `npm run format` fixes what the format check finds; the lint names each broken rule.
  if (step('Format and lint (biome ci)', 'npx', ['biome', 'ci', '--max-diagnostics=50', '.'])) passed += 1;
  else failed += 1;
  if (step('Layer rules (dependency-cruiser, .dependency-cruiser.cjs)', 'npm', ['run', '--silent', 'layers']))
    passed += 1;
  else failed += 1;
  if (step('Unused exports and files (knip)', 'npm', ['run', '--silent', 'unused'])) passed += 1;
  else failed += 1;

  const browser = await ensureBrowser();
  if (!step('Build the test extension', 'npx', ['wxt', 'build', '--mode', 'test'])) {
    finish(failed + 1, 'the test extension did not build');
  }
  if (!step('Build the Firefox test extension', 'npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'test'])) {
    finish(failed + 1, 'the Firefox test extension did not build');
  }
  // The store packages: the store checks (tests/store) read the zips and builds they leave in .output/.
  if (!step('Build the store packages (npm run zip)', 'npm', ['run', 'zip'])) {
    finish(failed + 1, 'the store packages did not build');
  }
  const firefox = ensureFirefox();

  rmSync('.tmp/vitest.json', { force: true });
  mkdirSync('.tmp', { recursive: true });
  const ok = step(
    'Unit and end-to-end tests (vitest)',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json', ...extraArgs],
    { DEALBRIDGE_PREBUILT: '1', PUPPETEER_EXECUTABLE_PATH: browser, ...(firefox ? { FIREFOX_PATH: firefox } : {}) },
  );
  let report: VitestJson | null = null;
  try {
    report = JSON.parse(readFileSync('.tmp/vitest.json', 'utf8')) as VitestJson;
  } catch {
    report = null;
  }
  if (!report) finish(failed + 1, 'vitest wrote no report');
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A test file that fails to load has no failed test but a failed suite: count it.
  const brokenFiles = report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0;
  failed += brokenFiles;
  if (!ok && failed === 0) failed += 1;
  if (report.numTotalTests === 0) finish(failed + 1, 'no test ran');
  finish(failed);
}

function finish(failures: number, why?: string): never {
  if (why) console.error(`\n✖ ${why}`);
  const tail = skipped ? `, ${skipped} skipped` : '';
  console.log(`\n${passed} passed, ${failures} failed${tail}`);
  process.exit(failures > 0 || passed === 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  finish(failed + 1, 'the test runner crashed');
});
