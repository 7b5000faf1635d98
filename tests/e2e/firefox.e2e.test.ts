import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startSimulator, type Sim } from '../../sim/server';
import { findFirefox } from '../../scripts/browser-path';
import { launchFirefox, type FirefoxHarness } from './firefox-harness';
import { until } from './until';

/**
 * The Firefox build in a real Firefox: the background as an event page, content scripts
 * registered at run time for the connected origin, the order control (its panel injected on
 * first open, the link made with the page's own fetch and session), the deal page panel,
 * linking from the deal page (the panel's picker injected on first need), the sync engine and
 * the backfill of existing orders on Firefox's IndexedDB and cookies, and the extension's own
 * pages.
 *
 * Demo data: order 1 (#1001, John Smith) ↔ deal 6 (Sales, stage 3); order 3 (Peter Novak)
 * is unlinked, and Novak's open deal 7 has no order.
 */
const ADMIN = 1;
const CONTROL = '[data-dealbridge="order-control"]';
const hook = (name: string) => `${CONTROL} >>> [data-dealbridge="${name}"]`;

/** Text of a hook inside the control's or the panel's shadow root (null while absent). */
function shadowText(page: Page, host: string, name: string): Promise<string | null> {
  return page.evaluate(
    (h, n) => document.querySelector(h)?.shadowRoot?.querySelector(`[data-dealbridge="${n}"]`)?.textContent ?? null,
    host,
    name,
  );
}

const FIREFOX = findFirefox();
if (!FIREFOX)
  console.warn('No Firefox on this machine (install firefox-esr or set FIREFOX_PATH): the Firefox tests are skipped.');

describe.skipIf(!FIREFOX)('the Firefox build in Firefox', () => {
  let sim: Sim;
  let ff: FirefoxHarness;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'demo' });
    ff = await launchFirefox(sim);
  });

  afterAll(async () => {
    await ff?.close();
    await sim?.close();
  });

  interface Status {
    status: {
      connection: { health: string } | null;
      lastSyncAt: number | null;
      syncing: boolean;
      pendingCount: number;
    };
  }
  const status = () => ff.send<Status>('status.get', { activityLimit: 0 });

  async function syncedOnce(): Promise<void> {
    const asked = Date.now();
    await ff.send('sync.now', {});
    await until(
      'a sync cycle',
      async () => {
        const { status: s } = await status();
        return (s.lastSyncAt ?? 0) > asked && !s.syncing;
      },
      30_000,
      200,
    );
  }

  it('connects with a token; the background answers from its event page', async () => {
    expect((await status()).status.connection).toBeNull();
    const connected = await ff.send<{ userName: string }>('connection.useToken', { url: sim.url, token: sim.token });
    expect(connected.userName).toBe('Admin Tester');
    expect((await status()).status.connection).not.toBeNull();
  });

  it('shows the linked deal on the order page, and links an unlinked order to the customer’s open deal', async () => {
    const page = await ff.openBackend('webasyst/shop/?action=orders#/order/1/');
    expect(await until('order 1’s deal', () => shadowText(page, CONTROL, 'linked-deal'))).toBe(
      sim.state.getDeal(6)!.name,
    );

    await page.evaluate(() => (location.hash = '#/order/3/'));
    await until('the picker button on order 3', () => page.$(hook('open-picker')));
    await (await page.$(hook('open-picker')))!.click();
    await until('Novak’s open deal in the picker', () => page.$(hook('deal-option')));
    await (await page.$(hook('deal-option')))!.click();
    // A link is for good: the summary comes first, then "Link".
    await until('the summary before the link', () => page.$(hook('confirm-link')));
    await (await page.$(hook('confirm-link')))!.click();
    expect(await until('order 3 linked', () => shadowText(page, CONTROL, 'linked-deal'))).toBe(
      'Novak - desk accessories',
    );
    expect(sim.state.getDeal(7)!.externalId).toBe('shop:3');
    expect(sim.log.count({ effect: 'deal_link:7:order:3' })).toBe(1);
    await page.close();
  });

  it('shows the linked order’s items on the deal page', async () => {
    const page = await ff.openBackend('webasyst/crm/deal/6/');
    const panel = '[data-dealbridge="deal-panel"]:not([hidden])';
    const text = await until('the order panel with items', () =>
      page.evaluate((p) => {
        const root = document.querySelector(p)?.shadowRoot;
        return root?.querySelectorAll('[data-dealbridge="order-item"]').length ? root.textContent : null;
      }, panel),
    );
    expect(text).toContain('#1001');
    const items = sim.state.orders.items(sim.state.getOrder(1)!);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(text).toContain(item.name);
    await page.close();
  });

  it('links an order from an unlinked deal’s page (its picker injected on first need)', async () => {
    // Deal 1 (John Smith) has no order; John's #1009 has no deal.
    const page = await ff.openBackend('webasyst/crm/deal/1/');
    const panel = '[data-dealbridge="deal-panel"]:not([hidden])';
    const inPanel = (name: string) => `${panel} >>> [data-dealbridge="${name}"]`;
    await (await until('Link an order', () => page.$(inPanel('link-order'))))!.click();
    const option = `${panel} >>> [data-dealbridge="order-option"][data-order-id="9"]`;
    await (await until('John’s order #1009', () => page.$(option)))!.click();
    await (await until('the summary before the link', () => page.$(inPanel('confirm-link'))))!.click();
    expect(
      await until('the order’s panel', () =>
        page.$eval(inPanel('order-number'), (el) => el.textContent).catch(() => null),
      ),
    ).toBe(sim.state.encodeOrderId(9));
    expect(sim.state.getDeal(1)!.externalId).toBe('shop:9');
    expect(sim.log.count({ effect: 'deal_link:1:order:9' })).toBe(1);
    await page.close();
  });

  it('syncs: an order action moves its deal once, and a new manual order gets one deal made with the browser’s session', async () => {
    const current = await ff.send<Record<string, unknown>>('settings.get', {});
    await ff.send('settings.save', {
      settings: {
        ...current,
        mappings: [
          {
            funnelId: 1,
            rules: [
              { actionId: 'ship', target: { kind: 'stage', stageId: 4 }, direction: 'both', allowBackward: false },
            ],
          },
        ],
        autoCreate: [
          { storefront: '', enabled: true, trigger: 'order_create', funnelId: 2, stageId: 6, ownerId: null },
        ],
      },
    });
    await syncedOnce(); // places the cursors
    sim.state.runOrderAction(1, 'ship', ADMIN);
    const order = sim.state.addOrder({
      contactId: 5,
      actorId: ADMIN,
      items: [{ skuId: 1, quantity: 1 }],
      storefront: '',
    });
    await syncedOnce();
    await until(
      'deal 6 at stage 4 and a deal for the new order',
      () => sim.state.getDeal(6)!.stageId === 4 && sim.state.dealForOrder(order.id),
    );
    await syncedOnce();
    expect(sim.log.effects().filter((e) => e.startsWith('deal_move:6:'))).toEqual(['deal_move:6:3->4']);
    expect(
      sim.log.effects().filter((e) => e.startsWith('deal_create_backend:') && e.endsWith(`:order:${order.id}`)),
    ).toHaveLength(1);
    expect(sim.state.dealForOrder(order.id)!.stageId).toBe(6);
  });

  it('brings existing orders in: a backfill on Firefox’s IndexedDB gives every order one deal', async () => {
    const current = await ff.send<Record<string, unknown>>('settings.get', {});
    await ff.send('settings.save', { settings: { ...current, newDeal: { funnelId: 1, stageId: 1 } } });
    const filters = { states: [], from: '2000-01-01', to: null, storefronts: [] };
    const plan = await ff.send<{ total: number; create: number; link: number }>('backfill.plan', { filters, rows: 10 });
    expect(plan.create).toBeGreaterThan(0);
    await ff.send('backfill.start', { filters });
    interface Run {
      status: string;
      counts: { done: number; linked: number; created: number; problems: number };
    }
    const run = await until(
      'the backfill done',
      async () => {
        const { run: r } = await ff.send<{ run: Run | null }>('backfill.status', {});
        return r?.status === 'done' ? r : null;
      },
      60_000,
      300,
    );
    expect(run.counts).toMatchObject({ done: plan.total, created: plan.create, linked: plan.link, problems: 0 });
    const perOrder = new Map<string, number>();
    for (const deal of sim.state.deals.values())
      if (deal.externalId) perOrder.set(deal.externalId, (perOrder.get(deal.externalId) ?? 0) + 1);
    expect([...perOrder.values()].every((n) => n === 1)).toBe(true);
  });

  it('opens its popup and options pages', async () => {
    const popup = await ff.extensionPage('popup');
    await until('the popup, connected', () => popup.$('[data-dealbridge="connection"][data-health="ok"]'));
    const options = await ff.extensionPage('options');
    const text = await until('the options with the Sales funnel', () =>
      options.evaluate(() => (document.body.textContent?.includes('Sales') ? document.body.textContent : null)),
    );
    expect(text).toContain('Lead In');
    await popup.close();
    await options.close();
  });
});
