import { execFileSync } from 'node:child_process';
import { ensureBrowser } from '../../scripts/ensure-browser';

/**
 * Builds the test extension once per e2e run (npm test builds it before, and sets
 * DEALBRIDGE_PREBUILT=1 so this is skipped), and makes sure a browser exists.
 */
export default async function setup(): Promise<void> {
  const browser = await ensureBrowser();
  process.env.PUPPETEER_EXECUTABLE_PATH ??= browser;
  if (process.env.DEALBRIDGE_PREBUILT === '1') return;
  execFileSync('npx', ['wxt', 'build', '--mode', 'test'], { stdio: 'ignore' });
}
