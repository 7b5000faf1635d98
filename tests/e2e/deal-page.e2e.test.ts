import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { until } from './until';

/**
 * The deal page's deal panel in Chromium, against the simulated CRM SPA (history routing,
 * sidebar re-rendered in place) with the built extension.
 *
 * Demo data: deal 6 (customer John Smith) is linked to order 1 (#1001); deal 1 is John's
 * other deal, unlinked. Order 13 (customer Sokolov, whose deal 8 is unlinked) has services,
 * a discount and shipping; the test links it to a new deal and gives one item a hostile name.
 */

const ADMIN = 1;
const HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> Chair';
const PANEL = '[data-dealbridge="deal-panel"]:not([hidden])';

let sim: Sim;
let h: Harness;
let dealOf13: number;
/** A linked order of 12 items (no discount, shipping or tax) and its deal. */
let longOrder: number;
let dealOfLong: number;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  dealOf13 = Number(sim.state.createDealFromBackend(13, { dealId: 'new', funnelId: 1, stageId: 1 }, ADMIN).id);
  const order13 = sim.state.getOrder(13)!;
  sim.state.orders.items(order13).find((item) => item.type === 'product')!.name = HOSTILE;
  const long = sim.state.addOrder({
    contactId: 2,
    items: Array.from({ length: 12 }, (_, i) => ({ skuId: (i % 6) + 1, quantity: 1 })),
    actorId: ADMIN,
  });
  for (const [i, item] of sim.state.orders.items(long).entries()) item.name = `Line ${i + 1}`;
  longOrder = long.id;
  dealOfLong = Number(sim.state.createDealFromBackend(long.id, { dealId: 'new', funnelId: 1, stageId: 1 }, ADMIN).id);
  h = await launchExtension(sim);
});

afterAll(async () => {
  await h?.close();
  await sim?.close();
});

interface PanelState {
  count: number;
  number: string | null;
  text: string;
  items: string[];
}

function panelState(page: Page): Promise<PanelState> {
  return page.evaluate((selector) => {
    const hosts = document.querySelectorAll(selector);
    const root = (hosts[0] as HTMLElement | undefined)?.shadowRoot;
    return {
      count: hosts.length,
      number: root?.querySelector('[data-dealbridge="order-number"]')?.textContent ?? null,
      text: (root?.textContent ?? '').replace(/\s+/g, ' '),
      items: [...(root?.querySelectorAll('[data-dealbridge="order-item"]') ?? [])].map((el) =>
        (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      ),
    };
  }, PANEL);
}

async function panelShows(page: Page, number: string): Promise<PanelState> {
  return until(`the panel of ${number}`, async () => {
    const state = await panelState(page);
    return state.number === number ? state : null;
  });
}

/** Waits until the SPA shows the deal (its title is rendered), then until the extension has asked about it. */
async function onDeal(page: Page, dealId: number, name: string): Promise<void> {
  await until(`deal ${dealId}`, () =>
    page.evaluate(
      (id, title) =>
        location.pathname.includes(`/deal/${id}/`) &&
        document.querySelector('h1.deal-name')?.textContent?.trim() === title,
      dealId,
      name,
    ),
  );
}

/**
 * After the extension read the deal (crm.deal.info) and a little more, an unlinked deal's
 * panel offers "Link an order" and shows no order (never the previous deal's).
 */
async function expectOfferOnly(page: Page, dealId: number): Promise<void> {
  await until(`the extension to read deal ${dealId}`, async () =>
    sim.log.entries().some((e) => e.apiMethod === 'crm.deal.info' && e.seq > mark),
  );
  await until('the offer', async () => ((await panelState(page)).text.includes('Link an order') ? true : null));
  for (let i = 0; i < 5; i++) {
    const state = await panelState(page);
    expect([state.count, state.number, state.items.length]).toEqual([1, null, 0]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let mark = 0;
const setMark = () => {
  mark = Math.max(0, ...sim.log.entries().map((e) => e.seq));
};

const spaClick = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).click());

describe('deal page panel', () => {
  it('follows the SPA deal → deal → tab → deal: exactly once, the order on linked deals, only “Link an order” on unlinked ones', async () => {
    const page = await h.openBackend('webasyst/crm/deal/6/');
    await onDeal(page, 6, 'Order #1001');
    const first = await panelShows(page, '#1001');
    expect(first.count).toBe(1);
    expect(await page.$eval(PANEL, (el) => el.parentElement?.classList.contains('deal-info-sidebar'))).toBe(true);
    expect(first.text).toContain('Subtotal');

    // Deal 6 → deal 1 through the sidebar link (pushState).
    setMark();
    await spaClick(page, '.deal-info-sidebar a[href="/webasyst/crm/deal/1/"]');
    await onDeal(page, 1, 'Office chairs for Smith & Co');
    await expectOfferOnly(page, 1);

    // Deal 1 → deal 6 again.
    await spaClick(page, '.deal-info-sidebar a[href="/webasyst/crm/deal/6/"]');
    await onDeal(page, 6, 'Order #1001');
    expect((await panelShows(page, '#1001')).count).toBe(1);

    // The Order tab: replaceState to /order and an iframe of Shop's order view.
    await spaClick(page, 'li[data-id="dealOrderTab"] a');
    await until('the Order tab', () =>
      page.evaluate(
        () => location.pathname.endsWith('/deal/6/order') && !!document.querySelector('.tab-content iframe'),
      ),
    );
    const frame = await until('the order iframe', async () => {
      const f = page.frames().find((fr) => fr.url().includes('module=order'));
      return f && (await f.$('#s-order-title')) ? f : null;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await frame.$$eval('[data-dealbridge]', (els) => els.length)).toBe(0);
    expect((await panelState(page)).count).toBe(1);

    // Back goes to deal 1 (tabs add no history entry), Forward returns to deal 6.
    setMark();
    await page.goBack();
    await onDeal(page, 1, 'Office chairs for Smith & Co');
    await expectOfferOnly(page, 1);
    await page.goForward();
    await onDeal(page, 6, 'Order #1001');
    expect((await panelShows(page, '#1001')).count).toBe(1);
    await page.close();
  });

  it('shows an order with services, a discount and shipping, with hostile names as inert text', async () => {
    const order = sim.state.getOrder(13)!;
    const page = await h.openBackend('webasyst/crm/deal/8/');
    await onDeal(page, 8, 'Sokolov office refit');
    await spaClick(page, `.deal-info-sidebar a[href="/webasyst/crm/deal/${dealOf13}/"]`);
    const state = await panelShows(page, sim.state.encodeOrderId(13));
    expect(state.count).toBe(1);

    const money = (n: number) =>
      new Intl.NumberFormat('en-US', { style: 'currency', currency: order.currency }).format(n);
    const products = sim.state.orders.items(order).filter((item) => item.type === 'product');
    const services = sim.state.orders.items(order).filter((item) => item.type === 'service');
    expect(services.length).toBeGreaterThan(0);
    expect(state.items).toHaveLength(products.length);
    const serviceRows = await page.$eval(
      PANEL,
      (el) =>
        el.shadowRoot!.querySelectorAll('[data-dealbridge="order-item"] [data-dealbridge="order-service"]').length,
    );
    expect(serviceRows).toBe(services.length);
    expect(state.text).toContain(`Discount−${money(order.discount)}`);
    expect(state.text).toContain(`Shipping${money(order.shipping)}`);
    expect(state.text).toContain(`Total${money(order.total)}`);

    // The hostile name is shown as the text it is; nothing of it runs or becomes markup.
    expect(state.items.some((text) => text.includes(HOSTILE))).toBe(true);
    expect(await page.$eval(PANEL, (el) => el.shadowRoot!.querySelectorAll('img, script').length)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();

    // The order changes in Shop: coming back to the tab shows its new state.
    const before = state.text;
    sim.state.runOrderAction(13, 'process', ADMIN);
    const after = await until('the refreshed state', async () => {
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      const now = await panelState(page);
      return now.text !== before ? now : null;
    });
    expect(after.text).toContain('Confirmed');
    expect(after.count).toBe(1);
    await page.close();
  });

  it('a long order shows its first 5 items, expands in place from the keyboard, and leaves CRM’s own fields in view', async () => {
    const page = await h.openBackend(`webasyst/crm/deal/${dealOfLong}/`);
    await panelShows(page, sim.state.encodeOrderId(longOrder));
    const look = () =>
      page.evaluate((selector) => {
        const root = document.querySelector(selector)!.shadowRoot!;
        const button = root.querySelector('[data-dealbridge="show-all-items"]');
        const heading = (name: string) =>
          [...document.querySelectorAll('.deal-info-sidebar .field__heading')]
            .find((el) => el.textContent?.trim() === name)
            ?.getBoundingClientRect().bottom ?? Infinity;
        return {
          shown: [...root.querySelectorAll('[data-dealbridge="order-item"]')]
            .filter((el) => el.getClientRects().length > 0)
            .map((el) => el.querySelector('.name')?.textContent),
          label: button?.textContent ?? null,
          expanded: button?.getAttribute('aria-expanded') ?? null,
          totals: [...root.querySelectorAll('.totals dt')].map((dt) => dt.textContent),
          focused: (root.activeElement as HTMLElement | null)?.dataset.dealbridge ?? null,
          amount: heading('Estimated amount'),
          customers: heading('Customers'),
          viewport: innerHeight,
        };
      }, PANEL);

    const collapsed = await look();
    expect(collapsed.shown).toEqual(['Line 1', 'Line 2', 'Line 3', 'Line 4', 'Line 5']);
    expect([collapsed.label, collapsed.expanded]).toEqual(['Show all 12 items', 'false']);
    // No discount, shipping or tax on this order: only what it has.
    expect(collapsed.totals).toEqual(['Subtotal', 'Total']);
    // CRM's own amount and customer stay on screen below the panel, without scrolling.
    expect(collapsed.amount).toBeLessThanOrEqual(collapsed.viewport);
    expect(collapsed.customers).toBeLessThanOrEqual(collapsed.viewport);

    await page.evaluate(
      (selector) =>
        document
          .querySelector(selector)!
          .shadowRoot!.querySelector<HTMLElement>('[data-dealbridge="show-all-items"]')!
          .focus(),
      PANEL,
    );
    await page.keyboard.press('Enter');
    await until('all 12 items', async () => ((await look()).shown.length === 12 ? true : null));
    const open = await look();
    expect([open.label, open.expanded, open.focused]).toEqual(['Show the first 5 only', 'true', 'show-all-items']);
    expect(open.shown.at(-1)).toBe('Line 12');

    await page.keyboard.press('Space');
    await until('the first 5 again', async () => ((await look()).shown.length === 5 ? true : null));
    expect((await look()).expanded).toBe('false');
    await page.close();
  });

  it('nudges the sync when the user moves the deal to another stage or closes it on the page', async () => {
    // Listen in the service worker for what the page sends (whoever answers it).
    const worker = await h.worker();
    await worker.evaluate(() => {
      type Listener = (message: { type?: string; payload?: unknown }) => undefined;
      const g = globalThis as unknown as {
        __nudges?: unknown[];
        chrome: { runtime: { onMessage: { addListener(l: Listener): void } } };
      };
      g.__nudges = [];
      g.chrome.runtime.onMessage.addListener((message) => {
        if (message?.type === 'sync.nudge') g.__nudges!.push(message.payload);
        return undefined;
      });
    });
    const nudges = () => worker.evaluate(() => (globalThis as unknown as { __nudges: unknown[] }).__nudges);

    const page = await h.openBackend('webasyst/crm/deal/6/');
    await onDeal(page, 6, 'Order #1001');
    await panelShows(page, '#1001');
    expect(await nudges()).toEqual([]);

    await page.click('.deal-header .js-stage-toggle');
    await page.click('.deal-header .js-move-stage[data-stage-id="4"]');
    await until('the stage move', async () => sim.state.getDeal(6)!.stageId === 4);
    await until('a nudge for deal 6', async () => (await nudges()).length === 1);
    expect(await nudges()).toEqual([{ kind: 'deal', id: 6 }]);

    await page.click('.deal-header .js-deal-won');
    await until('the deal won', async () => sim.state.getDeal(6)!.statusId === 'WON');
    await until('a second nudge', async () => (await nudges()).length === 2);
    expect((await panelState(page)).count).toBe(1);
    await page.close();
  });

  it('says so when the linked order no longer exists in Shop-Script', async () => {
    // A deal whose order row is gone (Shop answers getInfo with 404).
    sim.state.getDeal(9)!.externalId = 'shop:987654';
    const page = await h.openBackend('webasyst/crm/deal/9/');
    await onDeal(page, 9, 'Wholesale lamps for Garcia');
    const state = await until('the deleted-order note', async () => {
      const now = await panelState(page);
      return now.text.includes('The order was deleted or is not found in Shop-Script.') ? now : null;
    });
    expect(state.count).toBe(1);
    expect(state.number).toBeNull();
    await page.close();
  });
});
