import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Target } from 'puppeteer';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { until } from './until';

/**
 * The privacy policy's promise, in a real browser: through a typical session (connect, the
 * options, the popup, an order page with the control and its picker, a deal page, sync cycles
 * that move a deal) no request of any page, script or the service worker goes anywhere but the
 * connected Webasyst (the simulator) or the extension itself.
 *
 * Every request is paused before it is sent (CDP Fetch): the pages' at the browser target, the
 * service worker's on its own target (the browser target does not see those). One for another
 * host is recorded and failed, so it never leaves the machine.
 */

let sim: Sim;
let h: Harness;
let cdp: CDPSession;
const sessions: CDPSession[] = [];
const requests: Array<{ url: string; type: string; from: 'browser' | 'worker' }> = [];

function foreign(): string[] {
  const own = new URL(sim.url).origin;
  const urls = requests
    .map((r) => r.url)
    .filter((url) => {
      const { origin, protocol } = new URL(url);
      return origin !== own && protocol !== 'chrome-extension:' && protocol !== 'data:' && protocol !== 'blob:';
    });
  return [...new Set(urls)];
}

/** Pauses every request of this CDP session's target(s), records it, and lets through only the simulator's and the extension's. */
async function watch(session: CDPSession, from: 'browser' | 'worker'): Promise<void> {
  const own = new URL(sim.url).origin;
  session.on('Fetch.requestPaused', (event: { requestId: string; request: { url: string }; resourceType: string }) => {
    requests.push({ url: event.request.url, type: event.resourceType, from });
    const allowed = new URL(event.request.url).origin === own || event.request.url.startsWith('chrome-extension://');
    const reply = allowed
      ? session.send('Fetch.continueRequest', { requestId: event.requestId })
      : session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' });
    reply.catch(() => undefined); // the target may be gone meanwhile
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
  sessions.push(session);
}

async function watchWorker(target: Target): Promise<void> {
  if (target.type() !== 'service_worker' || !target.url().startsWith('chrome-extension://')) return;
  await watch(await target.createCDPSession(), 'worker');
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  // Connected and signed in only once every request is watched.
  h = await launchExtension(sim, { connect: false, login: false });
  cdp = await h.browser.target().createCDPSession();
  await watch(cdp, 'browser');
  // The worker started with the browser; a new one (after the browser stopped it) is watched as it appears.
  h.browser.on('targetcreated', (target: Target) => void watchWorker(target));
  await watchWorker(
    await h.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://')),
  );
  await h.login();
  await h.send('connection.useToken', { url: sim.url, token: sim.token });
});

afterAll(async () => {
  for (const session of sessions) await session.detach().catch(() => undefined);
  await h?.close();
  await sim?.close();
});

describe('no request to any host but the connected installation', () => {
  it('a typical session reaches only the simulator and the extension', async () => {
    // The options page reads the live catalog (funnels, stages, workflow) for the mapping.
    const options = await h.extensionPage('options');
    await options.waitForSelector('[data-dealbridge="connection-card"]', { timeout: 20_000 });
    await until(
      'the options page to load the catalog',
      () => requests.some((r) => r.url.includes('crm.funnel')),
      20_000,
    );
    await h.updateSettings({
      mappings: [
        {
          funnelId: 1,
          rules: [{ actionId: 'pay', target: { kind: 'stage', stageId: 4 }, direction: 'both', allowBackward: false }],
        },
      ],
    });

    // Order page: the linked order's control, then an unlinked order's picker.
    const order = await h.openBackend('webasyst/shop/?action=orders#/order/1/');
    await until('the linked control', () =>
      order.evaluate(
        () =>
          !!document
            .querySelector('[data-dealbridge="order-control"]')
            ?.shadowRoot?.querySelector('[data-dealbridge="linked-deal"]'),
      ),
    );
    await order.goto(new URL('webasyst/shop/?action=orders#/order/3/', sim.url).toString(), {
      waitUntil: 'domcontentloaded',
    });
    const openPicker = await order.waitForSelector(
      '[data-dealbridge="order-control"] >>> [data-dealbridge="open-picker"]',
      { timeout: 20_000 },
    );
    await openPicker!.click();
    await until('the picker with the customer’s open deals', () =>
      order.evaluate(
        () =>
          !!document
            .querySelector('[data-dealbridge="order-control"]')
            ?.shadowRoot?.querySelector('[data-dealbridge="deal-option"]'),
      ),
    );
    // Deal page: the linked order's panel.
    const deal = [...sim.state.deals.values()].find((d) => d.externalId === 'shop:1')!;
    const dealPage = await h.openBackend(`webasyst/crm/deal/${deal.id}/`);
    await until('the deal panel', () =>
      dealPage.evaluate(() => !!document.querySelector('[data-dealbridge="deal-panel"]:not([hidden])')),
    );

    // A sync that writes: the order is paid, its deal follows.
    await h.send('sync.now', {});
    await until(
      'a first sync',
      async () =>
        (await h.send<{ status: { lastSyncAt: number | null } }>('status.get', { activityLimit: 0 })).status.lastSyncAt,
      30_000,
    );
    sim.state.runOrderAction(1, 'pay', 1);
    await h.send('sync.now', {});
    await until('the deal to follow its order', () => sim.state.getDeal(deal.id)?.stageId === 4, 30_000);

    // The popup shows the status and the activity.
    const popup = await h.extensionPage('popup');
    await popup.waitForSelector('[data-dealbridge="activity-entry"]', { timeout: 20_000 });

    // The watch saw the pages' and the service worker's requests...
    expect(requests.some((r) => r.from === 'browser' && r.url.includes('/webasyst/shop/'))).toBe(true);
    expect(requests.some((r) => r.from === 'worker' && r.url.includes('api.php/crm.deal.move'))).toBe(true);
    // ... and none went elsewhere.
    expect(foreign()).toEqual([]);
  });

  it('the watch catches a request to another origin, from a page and from the service worker', async () => {
    const other = new URL(sim.url);
    other.hostname = 'localhost'; // another origin (the test build may reach it); the watch fails it before it is sent
    const page = await h.extensionPage('options');
    await page.evaluate((url) => fetch(url).catch(() => null), new URL('page-probe', other).toString());
    const worker = await h.worker();
    await worker.evaluate((url) => fetch(url).catch(() => null), new URL('worker-probe', other).toString());
    await until('both probes recorded', () => foreign().length === 2);
    expect(foreign()).toEqual([new URL('page-probe', other).toString(), new URL('worker-probe', other).toString()]);
    expect(sim.log.entries().some((entry) => entry.path?.includes('probe'))).toBe(false);
  });
});
