import { existsSync } from 'node:fs';

/** Where a Chromium or Chrome may be on this machine, most specific first. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Where a Firefox may be: Debian's ESR first, then a plain install. */
const FIREFOX_CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
];

const firstExisting = (fromEnv: string | undefined, candidates: string[]): string | null => {
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return candidates.find((path) => existsSync(path)) ?? null;
};

/** The browser tests and the demo launch: PUPPETEER_EXECUTABLE_PATH wins, then a system one. */
export function findBrowser(): string | null {
  return firstExisting(process.env.PUPPETEER_EXECUTABLE_PATH, CANDIDATES);
}

/** The Firefox the Firefox tests launch: FIREFOX_PATH wins, then a system one. */
export function findFirefox(): string | null {
  return firstExisting(process.env.FIREFOX_PATH, FIREFOX_CANDIDATES);
}
