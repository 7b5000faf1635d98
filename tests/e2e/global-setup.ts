import { execFileSync } from 'node:child_process';
import { ensureBrowser, ensureFirefox } from '../../scripts/ensure-browser';

/**
 * Builds the test extensions (Chrome and Firefox) once per e2e run (npm test builds them
 * before, and sets DEALBRIDGE_PREBUILT=1 so this is skipped), and makes sure the browsers exist.
 */
export default async function setup(): Promise<void> {
  const browser = await ensureBrowser();
  process.env.PUPPETEER_EXECUTABLE_PATH ??= browser;
  const firefox = ensureFirefox();
  if (firefox) process.env.FIREFOX_PATH ??= firefox;
  if (process.env.DEALBRIDGE_PREBUILT === '1') return;
  execFileSync('npx', ['wxt', 'build', '--mode', 'test'], { stdio: 'ignore' });
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'test'], { stdio: 'ignore' });
}
