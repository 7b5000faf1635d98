/**
 * End-to-end harness: Chromium with the built test extension, a simulated Webasyst,
 * and helpers to connect, sign in to the backend and stop the service worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page, type Target, type WebWorker } from 'puppeteer';
import { findBrowser } from '../../scripts/browser-path';
import type { Sim } from '../../sim/server';

export const EXTENSION_PATH = resolve(import.meta.dirname, '../../.output/chrome-mv3-test');

export interface LaunchOptions {
  /** Connect the extension to the simulator with its token (default true). */
  connect?: boolean;
  /** Sign in to the backend in the browser (default true). */
  login?: boolean;
  /** Shop backend UI version cookie (default: the simulator's default). */
  uiVersion?: '2.0' | '1.3';
  /** Reuse a profile directory (e.g. to test a browser restart). */
  userDataDir?: string;
  /** Show the browser window (demo). */
  headless?: boolean;
  /** The browser's UI language (Dealbridge speaks it): Russian needs Debian's chromium-l10n. */
  lang?: 'en' | 'ru';
  /** Load the extension from another directory than the test build (e.g. a copy to update in place). */
  extensionPath?: string;
}

export interface Harness {
  browser: Browser;
  sim: Sim;
  extensionId: string;
  userDataDir: string;
  /** The current service worker (a new one after it was stopped). */
  worker(): Promise<WebWorker>;
  /** Sends a Dealbridge message from an extension page, as the options page would. */
  send<T = unknown>(type: string, payload?: unknown): Promise<T>;
  /** Saves the current settings with `patch` laid over their top-level fields, as the options page would. */
  updateSettings(patch: Record<string, unknown>): Promise<void>;
  newPage(): Promise<Page>;
  /** Opens a backend URL relative to the installation root, e.g. "webasyst/shop/?action=orders#/order/3/". */
  openBackend(path: string): Promise<Page>;
  extensionPage(name: 'options' | 'popup'): Promise<Page>;
  stopServiceWorker(): Promise<void>;
  login(page?: Page): Promise<void>;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

export async function launchExtension(sim: Sim, options: LaunchOptions = {}): Promise<Harness> {
  const executablePath = findBrowser();
  if (!executablePath)
    throw new Error('No Chromium found: run `npm run ensure-browser` or set PUPPETEER_EXECUTABLE_PATH.');
  const ownsProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'dealbridge-e2e-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: options.headless ?? true,
    pipe: true,
    enableExtensions: [options.extensionPath ?? EXTENSION_PATH],
    userDataDir,
    args: options.lang ? [...CHROMIUM_ARGS, `--lang=${options.lang}`, `--accept-lang=${options.lang}`] : CHROMIUM_ARGS,
    env: options.lang
      ? { ...process.env, LANGUAGE: options.lang, LANG: options.lang === 'ru' ? 'ru_RU.UTF-8' : 'en_US.UTF-8' }
      : process.env,
    defaultViewport: { width: 1440, height: 900 },
  });
  const firstWorker = await browser.waitForTarget(isOurWorker, { timeout: 30_000 });
  const extensionId = new URL(firstWorker.url()).host;

  if (options.uiVersion) {
    await browser.setCookie({
      name: 'force_set_wa_backend_ui_version',
      value: options.uiVersion,
      domain: new URL(sim.url).hostname,
      path: '/',
    });
  }

  let messenger: Page | null = null;
  const harness: Harness = {
    browser,
    sim,
    extensionId,
    userDataDir,
    async worker() {
      const target = await browser.waitForTarget(isOurWorker, { timeout: 30_000 });
      const worker = await target.worker();
      if (!worker) throw new Error('The service worker target has no worker');
      return worker;
    },
    async send<T>(type: string, payload: unknown = {}) {
      if (!messenger || messenger.isClosed()) {
        messenger = await browser.newPage();
        await messenger.goto(`chrome-extension://${extensionId}/popup.html`);
      }
      return sendFromExtensionPage<T>(messenger, type, payload);
    },
    async updateSettings(patch) {
      const current = await harness.send<Record<string, unknown>>('settings.get', {});
      await harness.send('settings.save', { settings: { ...current, ...patch } });
    },
    newPage: () => browser.newPage(),
    async openBackend(path) {
      const page = await browser.newPage();
      await page.goto(new URL(path, sim.url).toString(), { waitUntil: 'domcontentloaded' });
      return page;
    },
    async extensionPage(name) {
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${extensionId}/${name}.html`, { waitUntil: 'domcontentloaded' });
      return page;
    },
    async stopServiceWorker() {
      const target = await browser.waitForTarget(isOurWorker, { timeout: 30_000 });
      await closeTarget(browser, target);
    },
    async login(page) {
      const own = page ?? (await browser.newPage());
      await loginToBackend(own, sim);
      if (!page) await own.close();
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (ownsProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };

  try {
    if (options.login ?? true) await harness.login();
    if (options.connect ?? true) {
      await harness.send('connection.useToken', { url: sim.url, token: sim.token });
    }
  } catch (error) {
    await harness.close();
    throw error;
  }
  return harness;
}

/**
 * Sends a Dealbridge message from one of the extension's own pages (its sender is trusted, as
 * the options page's is) and returns the reply's data, or throws with the reply's error.
 */
export async function sendFromExtensionPage<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(
    (t, p) => {
      type Runtime = { runtime: { sendMessage(m: unknown): Promise<unknown> } };
      const api =
        (globalThis as unknown as { browser?: Runtime; chrome: Runtime }).browser ??
        (globalThis as unknown as { chrome: Runtime }).chrome;
      return api.runtime.sendMessage({ dealbridge: 1, type: t, payload: p });
    },
    type,
    payload as never,
  )) as { ok: boolean; data?: T; error?: { code: string; message: string } };
  if (!reply?.ok) throw new Error(`${type} failed: ${reply?.error?.code} ${reply?.error?.message}`);
  return reply.data as T;
}

function isOurWorker(target: Target): boolean {
  return target.type() === 'service_worker' && target.url().startsWith('chrome-extension://');
}

/** Stops the service worker the way Chrome's own docs test worker termination. */
async function closeTarget(browser: Browser, target: Target): Promise<void> {
  const session = await browser.target().createCDPSession();
  const targetId = (target as unknown as { _targetId: string })._targetId;
  await session.send('Target.closeTarget', { targetId });
  await session.detach();
}

/** Signs in through the simulated backend's own login form, as a person would. */
export async function loginToBackend(page: Page, sim: Sim): Promise<void> {
  await page.goto(new URL('webasyst/', sim.url).toString(), { waitUntil: 'domcontentloaded' });
  const form = await page.$('form input[name="password"]');
  if (!form) return; // already signed in
  await page.type('input[name="login"]', sim.login);
  await page.type('input[name="password"]', sim.password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.click('form [type="submit"]')]);
  if (await page.$('form input[name="password"]')) throw new Error('Backend login failed');
}
