import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Target } from 'puppeteer';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { until } from './until';

/**
 * Connecting Dealbridge to the simulated Webasyst from the options page, as a person does:
 * the real consent page in a tab (sign in, allow), a pasted token, and the ways it fails
 * (wrong address, nobody there, refused consent, a token revoked later). One browser walks
 * through them in order; each step starts from what the previous one left.
 */

const hook = (name: string) => `[data-dealbridge="${name}"]`;

/** The extension API inside the service worker (puppeteer's evaluate runs there, not here). */
type ExtensionGlobal = {
  chrome: {
    scripting: { getRegisteredContentScripts(): Promise<unknown>; unregisterContentScripts(): Promise<void> };
    storage: { local: { get(keys: null): Promise<Record<string, unknown>> } };
  };
};

let sim: Sim;
let h: Harness;
let options: Page;
let notWebasyst: Server;
let notWebasystUrl: string;
let adminName: string;

async function click(selector: string): Promise<void> {
  await options.bringToFront();
  // The page renders after each answer from the background: wait for the control to be there.
  await options.waitForSelector(selector, { visible: true, timeout: 15_000 });
  await options.click(selector);
}

function text(selector: string): Promise<string | null> {
  return options.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
}

/**
 * Puppeteer's typing and clicking only reach the front tab reliably in headless Chromium
 * (a permission request from a click in a background tab even brings the browser down).
 */
async function fill(selector: string, value: string): Promise<void> {
  await options.bringToFront();
  // Cleared as a person would, so the form's own state sees it (a value set from outside could be
  // put back by a render that comes in between, and the typing would then append to it).
  await options.click(selector, { clickCount: 3 });
  await options.keyboard.press('Backspace');
  await options.type(selector, value);
  await until(`the field to read ${value}`, () =>
    options.$eval(selector, (el, v) => (el as HTMLInputElement).value === v, value),
  );
}

/** What the connection section shows as a problem: its code and text. */
async function problem(): Promise<{ code: string; text: string } | null> {
  return options.evaluate((s) => {
    const el = document.querySelector<HTMLElement>(s);
    return el ? { code: el.dataset.code ?? '', text: el.textContent ?? '' } : null;
  }, hook('connection-error'));
}

/** Waits for the consent tab Dealbridge opens and returns its page. */
async function consentTab(): Promise<Page> {
  const target = await h.browser.waitForTarget(
    (t: Target) => t.type() === 'page' && t.url().includes('/api.php/auth?'),
    { timeout: 15_000 },
  );
  const page = await target.page();
  if (!page) throw new Error('consent tab has no page');
  await page.waitForSelector('form', { timeout: 15_000 });
  return page;
}

/** Webasyst's login form on the consent page, then the approve/deny form. */
async function signIn(consent: Page): Promise<void> {
  await consent.waitForSelector('input[name="login"]');
  await consent.type('input[name="login"]', sim.login);
  await consent.type('input[name="password"]', sim.password);
  await Promise.all([
    consent.waitForNavigation({ waitUntil: 'domcontentloaded' }),
    consent.click('form [type="submit"]'),
  ]);
  await consent.waitForSelector('#wa-api-auth-approve');
}

async function storedSettings(): Promise<Record<string, unknown>> {
  return h.send<Record<string, unknown>>('settings.get');
}

/**
 * Extension APIs are called from an extension page of their own, never by attaching to the
 * service worker: an attached debugger keeps the worker alive, so it could not be stopped.
 */
let apiPage: Page | null = null;
async function inExtension<T>(fn: (g: ExtensionGlobal) => Promise<T>): Promise<T> {
  if (!apiPage || apiPage.isClosed()) apiPage = await h.extensionPage('popup');
  return apiPage.evaluate(`(${fn.toString()})(globalThis)`) as Promise<T>;
}

async function registeredScripts(): Promise<Array<{ id: string; matches?: string[]; allFrames?: boolean }>> {
  return inExtension((g) => g.chrome.scripting.getRegisteredContentScripts()) as Promise<
    Array<{ id: string; matches?: string[]; allFrames?: boolean }>
  >;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  // A web server that is not a Webasyst: its api.php is the site's HTML 404 page.
  notWebasyst = createServer((_req, res) => {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><title>Page not found</title></head><body>Nothing here</body></html>');
  });
  await new Promise<void>((resolve) => notWebasyst.listen(0, '127.0.0.1', resolve));
  notWebasystUrl = `http://127.0.0.1:${(notWebasyst.address() as AddressInfo).port}/`;
  const me = await fetch(`${sim.url}api.php/crm.user.me`, { headers: { Authorization: `Bearer ${sim.token}` } });
  adminName = ((await me.json()) as { name: string }).name;
  h = await launchExtension(sim, { connect: false, login: false });
  options = await h.extensionPage('options');
  await options.waitForSelector(hook('connect-url'), { timeout: 15_000 });
});

afterAll(async () => {
  await h?.close();
  await sim?.close();
  await new Promise((resolve) => notWebasyst?.close(resolve));
});

describe('connecting from the options page', () => {
  it('a wrong address says what was found there, and loses no settings', async () => {
    const before = await storedSettings();
    const changed = { ...before, sync: { ...(before.sync as object), periodMinutes: 7 } };
    await h.send('settings.save', { settings: changed });

    await fill(hook('connect-url'), `${notWebasystUrl}some/page/`);
    await click(hook('connect'));
    const notFound = await until('the not-Webasyst message', problem);
    expect(notFound.code).toBe('not_webasyst');
    expect(notFound.text).toContain('HTML page (HTTP 404, “Page not found”)');

    // Nobody listens on port 9 (discard): unreachable.
    await fill(hook('connect-url'), 'http://127.0.0.1:9/');
    await click(hook('connect'));
    const unreachable = await until('the unreachable message', async () => {
      const p = await problem();
      return p?.code === 'unreachable' ? p : null;
    });
    expect(unreachable.text).toContain('could not be reached');

    expect(await h.send('connection.get')).toBeNull();
    const after = await storedSettings();
    expect((after.sync as { periodMinutes: number }).periodMinutes).toBe(7);
    expect(after.baseUrl).toBeNull();
    expect(await registeredScripts()).toEqual([]);
  });

  it('a refused consent shows its message and connects nothing', async () => {
    await fill(hook('connect-url'), sim.url);
    await click(hook('connect'));
    const consent = await consentTab();
    // No session yet: Webasyst's login form comes first.
    await signIn(consent);
    await consent.click('#wa-api-auth-deny');
    const refused = await until('the refusal message', async () => {
      const p = await problem();
      return p?.code === 'consent_refused' ? p : null;
    });
    expect(refused.text).toContain('refused');
    expect(await h.send('connection.get')).toBeNull();
    expect(await registeredScripts()).toEqual([]);
  });

  it('connects through Webasyst’s own consent page: sign in, allow, and the user is shown', async () => {
    // A backend order page already open before connecting gets the page script without a reload.
    const orderPage = await h.newPage();
    await h.login(orderPage);
    await orderPage.goto(`${sim.url}webasyst/shop/?action=orders#/order/3/`, { waitUntil: 'domcontentloaded' });
    await orderPage.waitForSelector('#s-order-block', { timeout: 15_000 });
    expect(await orderPage.$(hook('order-control'))).toBeNull();
    // Sign out again so that the consent page shows its login form first.
    const client = await orderPage.createCDPSession();
    await client.send('Network.clearBrowserCookies');
    await client.detach();

    await options.bringToFront();
    await fill(hook('connect-url'), `${sim.url}webasyst/shop/?action=orders#/order/3/`);
    await click(hook('connect'));
    await options.waitForSelector(hook('connect-waiting'));

    const consent = await consentTab();
    const auth = new URL(consent.url());
    expect(auth.searchParams.get('client_id')).toBe('dealbridge');
    expect(auth.searchParams.get('scope')).toBe('shop,crm');
    await signIn(consent);
    await consent.click('#wa-api-auth-approve');

    const name = await until('the connected user', () => text(hook('connection-status')), 30_000);
    expect(name).toBe(adminName);
    await until(
      'the consent tab to close',
      async () => consent.isClosed() || !(await h.browser.pages()).includes(consent),
    );
    const apps = await text(hook('connection-apps'));
    expect(apps).toContain('Shop-Script');
    expect(apps).toContain('CRM');

    const issued = [...sim.state.auth.tokens.values()].find((t) => t.clientId === 'dealbridge');
    expect(issued?.scope.sort()).toEqual(['crm', 'shop']);
    const view = await h.send<{ baseUrl: string }>('connection.get');
    expect(view.baseUrl).toBe(sim.url);
    expect((await storedSettings()).baseUrl).toBe(sim.url);

    // The token stays in the background's IndexedDB: not in storage.local, not in what pages get.
    const local = JSON.stringify(await inExtension((g) => g.chrome.storage.local.get(null)));
    expect(local).not.toContain(issued!.token);
    expect(JSON.stringify(view)).not.toContain(issued!.token);

    const port = new URL(sim.url).port;
    const scripts = await registeredScripts();
    expect(scripts.map((s) => [s.id, s.matches, s.allFrames]).sort()).toEqual([
      ['dealbridge-deal-page', [`http://127.0.0.1:${port}/webasyst/crm/*`], false],
      ['dealbridge-order-page', [`http://127.0.0.1:${port}/webasyst/shop/*`], false],
    ]);
    // Sign in again (the order page's script reads the session) and find the control injected.
    await h.login();
    await until('the order control in the page that was already open', () => orderPage.$(hook('order-control')));
    await orderPage.close();
  });

  it('a refused consent keeps the existing connection', async () => {
    await options.bringToFront();
    // While connected the form is hidden, so this attempt goes through the message itself.
    const result = h.send('connection.authorize', { url: sim.url }).then(
      () => null,
      (error: Error) => error.message,
    );
    const consent = await consentTab();
    await consent.click('#wa-api-auth-deny');
    expect(await result).toMatch(/consent_refused/);
    expect((await h.send<{ userName: string }>('connection.get')).userName).toBe(adminName);
    expect(await registeredScripts()).toHaveLength(2);
  });

  it('a token revoked later shows that Webasyst no longer accepts it, and offers to connect again', async () => {
    const token = [...sim.state.auth.tokens.values()].find((t) => t.clientId === 'dealbridge')!.token;
    sim.state.revokeToken(token);
    await options.bringToFront();
    await click(hook('connection-check'));
    const health = await until('the revoked-token message', () => text(hook('connection-health')));
    expect(health).toContain('no longer accepts');
    expect(await options.$(hook('connect-url'))).not.toBeNull();
  });

  it('connects with the code Webasyst shows when there is no redirect', async () => {
    await options.evaluate(() => document.querySelector('details')?.setAttribute('open', ''));
    await fill(hook('connect-url'), sim.url);
    await click(hook('connect-get-code'));
    const consent = await consentTab(); // signed in already: the approve form
    expect(new URL(consent.url()).searchParams.get('response_type')).toBe('code');
    expect(new URL(consent.url()).searchParams.has('redirect_uri')).toBe(false);
    await Promise.all([
      consent.waitForNavigation({ waitUntil: 'domcontentloaded' }),
      consent.click('#wa-api-auth-approve'),
    ]);
    const code = await consent.$eval('#wa-api-auth-code', (el) => (el as HTMLInputElement).value);
    await consent.close();
    await fill(hook('connect-code'), code);
    await click(hook('connect-code-submit'));
    await until('the card to be healthy again', async () => {
      const health = await options
        .$eval(hook('connection-card'), (el) => (el as HTMLElement).dataset.health)
        .catch(() => null);
      return health === 'ok';
    });
    expect(await text(hook('connection-status'))).toBe(adminName);
    const view = await h.send<{ health: string }>('connection.get');
    expect(view.health).toBe('ok');
  });

  it('connects with a pasted token', async () => {
    // Break the connection again so that the form shows.
    sim.state.revokeToken([...sim.state.auth.tokens.values()].find((t) => t.clientId === 'dealbridge')!.token);
    await click(hook('connection-check'));
    await until('the revoked-token message', () => text(hook('connection-health')));
    await options.evaluate(() => document.querySelector('details')?.setAttribute('open', ''));
    await fill(hook('connect-url'), sim.url.replace(/\/$/, ''));
    await fill(hook('connect-token'), sim.token);
    await click(hook('connect-token-submit'));
    await until('the card to be healthy again', async () => {
      const card = await options
        .$eval(hook('connection-card'), (el) => (el as HTMLElement).dataset.health)
        .catch(() => null);
      return card === 'ok';
    });
    expect(await text(hook('connection-status'))).toBe(adminName);
    expect(await problem()).toBeNull();
  });

  it('page scripts the browser lost are registered again when the service worker starts', async () => {
    await inExtension((g) => g.chrome.scripting.unregisterContentScripts());
    expect(await registeredScripts()).toEqual([]);
    const isWorker = (t: Target) =>
      t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${h.extensionId}/`);
    const stopped = h.browser.targets().find(isWorker);
    await h.stopServiceWorker();
    // Until the stopped worker's target is gone, asking for "the worker" could return it.
    await until('the old worker to be gone', async () => !h.browser.targets().includes(stopped!));
    // A message from a freshly opened extension page wakes a new worker (one sent from a page
    // that was open before the worker stopped may never be answered in headless Chromium).
    const page = await h.extensionPage('popup');
    await page.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({
        dealbridge: 1,
        type: 'connection.get',
        payload: {},
      }),
    );
    await page.close();
    await until('the registrations to be back', async () => (await registeredScripts()).length === 2);
  });

  it('disconnect revokes the token, unregisters the deal page’s script (the order page keeps one, to offer connecting) and forgets the address', async () => {
    await click(hook('disconnect'));
    await click(hook('disconnect-confirm'));
    const notice = await until('the disconnect notice', () => text(hook('connection-notice')));
    expect(notice).toContain('revoked');
    expect(sim.state.auth.tokens.has(sim.token)).toBe(false);
    expect((await registeredScripts()).map((r) => r.id)).toEqual(['dealbridge-order-page']);
    expect(await h.send('connection.get')).toBeNull();
    expect((await storedSettings()).baseUrl).toBeNull();
    expect(((await storedSettings()).sync as { periodMinutes: number }).periodMinutes).toBe(7);
  });
});
