/**
 * Firefox with the built Firefox test extension (`wxt build -b firefox --mode test`), driven
 * over WebDriver BiDi. The extension gets a fixed internal UUID (a Firefox pref), so its pages
 * have known moz-extension:// URLs; Firefox lets automation open them only when started with
 * system access allowed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { findFirefox } from '../../scripts/browser-path';
import type { Sim } from '../../sim/server';
import { loginToBackend, sendFromExtensionPage } from './harness';
import { until } from './until';

export const FIREFOX_EXTENSION_PATH = resolve(import.meta.dirname, '../../.output/firefox-mv3-test');
/** browser_specific_settings.gecko.id in wxt.config.ts. */
const ADDON_ID = 'dealbridge@dealbridge.app';
const EXTENSION_UUID = '5d1e2c8a-0b7f-4c3e-9a61-d3a8f0c2b917';

export interface FirefoxHarness {
  browser: Browser;
  /** Sends a Dealbridge message from an extension page, as the options page would. */
  send<T = unknown>(type: string, payload?: unknown): Promise<T>;
  extensionPage(name: 'options' | 'popup'): Promise<Page>;
  openBackend(path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefox(sim: Sim): Promise<FirefoxHarness> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('No Firefox found: install firefox-esr or set FIREFOX_PATH.');
  const profile = mkdtempSync(join(tmpdir(), 'dealbridge-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    // The Chromium tests' window: at puppeteer's default 800 × 600 the CRM deal page's header
    // lies over its sidebar, where the deal panel is.
    defaultViewport: { width: 1440, height: 900 },
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: EXTENSION_UUID }),
      // No telemetry, updates or remote settings: the network here is loopback only.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'browser.shell.checkDefaultBrowser': false,
    },
  });
  let messenger: Page | null = null;
  const harness: FirefoxHarness = {
    browser,
    async send<T>(type: string, payload: unknown = {}) {
      if (!messenger || messenger.isClosed()) messenger = await harness.extensionPage('popup');
      return sendFromExtensionPage<T>(messenger, type, payload);
    },
    async extensionPage(name) {
      const page = await browser.newPage();
      const url = `moz-extension://${EXTENSION_UUID}/${name}.html`;
      // Firefox loads extension pages but reports no navigation for them over BiDi: go, then look.
      await page.goto(url, { timeout: 2_000, waitUntil: 'domcontentloaded' }).catch(() => undefined);
      await until(`${name}.html in Firefox`, () =>
        page.evaluate((expected) => location.href === expected && document.readyState === 'complete', url),
      );
      return page;
    },
    async openBackend(path) {
      const page = await browser.newPage();
      await page.goto(new URL(path, sim.url).toString(), { waitUntil: 'domcontentloaded' });
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
  try {
    await browser.installExtension(FIREFOX_EXTENSION_PATH);
    const page = await browser.newPage();
    await loginToBackend(page, sim);
    await page.close();
  } catch (error) {
    await harness.close();
    throw error;
  }
  return harness;
}
