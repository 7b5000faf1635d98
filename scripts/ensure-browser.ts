/**
 * Makes sure a Chromium/Chrome exists for the tests and the demo:
 * 1. PUPPETEER_EXECUTABLE_PATH or a system browser;
 * 2. as root on Debian: `apt-get install chromium`;
 * 3. otherwise puppeteer's own browser download;
 * else stops with a message that says exactly what to install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findBrowser, findFirefox } from './browser-path';

export async function ensureBrowser(): Promise<string> {
  const found = findBrowser();
  if (found) {
    ensureRussianUi(found);
    return found;
  }
  if (process.env.PUPPETEER_EXECUTABLE_PATH) {
    fail(`PUPPETEER_EXECUTABLE_PATH points to ${process.env.PUPPETEER_EXECUTABLE_PATH}, which does not exist.`);
  }
  if (isDebian() && process.getuid?.() === 0) {
    console.log('No Chromium found: installing Debian’s chromium package (apt-get)…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'chromium-l10n']);
    const installed = findBrowser();
    if (installed) return installed;
  }
  console.log('No Chromium found: downloading puppeteer’s own Chrome…');
  const download = spawnSync('npx', ['puppeteer', 'browsers', 'install', 'chrome'], { stdio: 'inherit' });
  if (download.status === 0) {
    const { executablePath } = await import('puppeteer');
    const path = executablePath();
    if (path && existsSync(path)) return path;
  }
  return fail(
    'No Chromium or Chrome found, and none could be installed.\n' +
      '  Debian/Ubuntu: sudo apt-get install chromium\n' +
      '  Or install Google Chrome and set PUPPETEER_EXECUTABLE_PATH to its executable.',
  );
}

/**
 * Firefox for the Firefox tests: FIREFOX_PATH or a system Firefox, else (as root on Debian)
 * Debian's firefox-esr. Null when there is none: those tests then say so and are skipped.
 */
export function ensureFirefox(): string | null {
  const found = findFirefox();
  if (found || process.env.FIREFOX_PATH) return found;
  if (isDebian() && process.getuid?.() === 0) {
    console.log('No Firefox found: installing Debian’s firefox-esr package (apt-get)…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'firefox-esr']);
    return findFirefox();
  }
  return null;
}

/**
 * Debian's Chromium speaks only English without chromium-l10n; the screenshot set and the
 * Russian tests need its Russian UI. Installed beside Debian's own chromium when missing.
 */
function ensureRussianUi(browser: string): void {
  if (!browser.startsWith('/usr/bin/chromium') || !isDebian() || process.getuid?.() !== 0) return;
  if (spawnSync('dpkg', ['-s', 'chromium-l10n'], { stdio: 'ignore' }).status === 0) return;
  console.log('Installing Debian’s chromium-l10n (Chromium’s Russian UI) for the screenshot set…');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium-l10n']);
}

function isDebian(): boolean {
  try {
    return existsSync('/etc/debian_version') || /debian|ubuntu/i.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

function run(command: string, args: string[]): void {
  // Another apt run (an unattended upgrade, a second install) holds dpkg's lock: wait for it instead of failing.
  const waitForLock = command === 'apt-get' ? ['-o', 'DPkg::Lock::Timeout=600'] : [];
  execFileSync(command, [...waitForLock, ...args], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void ensureBrowser().then((path) => console.log(`Browser: ${path}`));
}
