import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { until } from './until';

/**
 * The order control in Chromium, on what it shows and how it is used: a deal seen before is on
 * screen in the order block's own frame (marked "checking" until refreshed), the picker works
 * from the keyboard with the focus kept in the panel, and after disconnecting the page offers
 * "Connect Dealbridge".
 *
 * Demo data: order 1 ↔ deal 6 ("Order #1001"); order 3 (Peter Novak, contact 4) is unlinked.
 */
const ADMIN = 1;
const CONTROL = '[data-dealbridge="order-control"]';
const hook = (name: string) => `${CONTROL} >>> [data-dealbridge="${name}"]`;

let sim: Sim;
let h: Harness;
let page: Page;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  for (const name of ['Chairs', 'Desks', 'Lamps'])
    sim.state.addDeal({ name: `Novak - ${name}`, stageId: 1, contactId: 4 }, ADMIN);
  h = await launchExtension(sim);
  page = await h.openBackend('webasyst/shop/?action=orders#/order/1/');
});

afterAll(async () => {
  await h?.close();
  await sim?.close();
});

/** The element focused inside the control's shadow root, by its hook or text. */
function focused(): Promise<string | null> {
  return page.evaluate((selector) => {
    const active = document.querySelector(selector)?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    if (!active) return null;
    return active.dataset.dealbridge === 'deal-option'
      ? `deal:${active.querySelector('.db-option-name')?.textContent}`
      : (active.dataset.dealbridge ?? active.className);
  }, CONTROL);
}

describe('the order control', () => {
  it('shows a deal seen before in the order block’s own frame, marked “checking” until the refresh returns', async () => {
    await until('deal 6 on order 1', () =>
      page.$eval(hook('linked-toggle'), (el) => (el as HTMLElement).dataset.freshness === 'fresh').catch(() => false),
    );
    await page.evaluate(() => (location.hash = '#/order/3/'));
    await until('order 3', () => page.$(hook('open-picker')));
    // A person moves the deal meanwhile; the page does not know it yet. Webasyst answers the
    // refresh slowly, so the first frame can only show the deal from the last look.
    sim.state.moveDeal(6, 4, ADMIN, { force: true });
    sim.faults.add({ match: { apiMethod: 'crm.deal.info' }, kind: 'latency', ms: 1500, times: 3 });
    const atFirstFrame = await page.evaluate(
      (selector) =>
        new Promise<{ name: string | null; freshness: string | null }>((resolve) => {
          const observer = new MutationObserver(() => {
            const block = document.querySelector('#s-order-block');
            if (!block?.querySelector('a.read-mode[href="#/order/1/"]')) return;
            observer.disconnect();
            // Before the frame that first paints the block.
            requestAnimationFrame(() => {
              const root = document.querySelector(selector)?.shadowRoot;
              const toggle = root?.querySelector<HTMLElement>('[data-dealbridge="linked-toggle"]');
              resolve({
                name: root?.querySelector('[data-dealbridge="linked-deal"]')?.textContent ?? null,
                freshness: toggle?.dataset.freshness ?? null,
              });
            });
          });
          observer.observe(document.body, { childList: true, subtree: true });
          location.hash = '#/order/1/';
        }),
      CONTROL,
    );
    expect(atFirstFrame).toEqual({ name: 'Order #1001', freshness: 'checking' });
    const stage = await until('the refreshed stage', () =>
      page.evaluate((selector) => {
        const root = document.querySelector(selector)?.shadowRoot;
        const toggle = root?.querySelector<HTMLElement>('[data-dealbridge="linked-toggle"]');
        return toggle?.dataset.freshness === 'fresh' ? root?.querySelector('.db-stage')?.textContent : null;
      }, CONTROL),
    );
    expect(stage).toBe(sim.state.stage(4)!.name);
  });

  it('the picker from the keyboard: Tab to the first deal, arrows, Tab wraps inside the panel, Escape closes', async () => {
    await page.evaluate(() => (location.hash = '#/order/3/'));
    const toggle = await until('order 3', () => page.$(hook('open-picker')));
    await toggle.click();
    await until('the deals', () => page.$(hook('deal-option')));
    expect(await focused()).toBe('deal-search');
    await page.keyboard.press('Tab');
    const first = await focused();
    expect(first).toMatch(/^deal:/);
    await page.keyboard.press('ArrowDown');
    const second = await focused();
    expect(second).toMatch(/^deal:/);
    expect(second).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('deal-search');
    // Shift+Tab from the first focusable element wraps to the last one, not out to the page.
    await page.keyboard.down('Shift');
    for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    expect(await focused()).not.toBeNull();
    await page.keyboard.press('Escape');
    await until('the panel closed', () => page.$(`${CONTROL} >>> .db-panel`).then((panel) => panel === null));
  });

  it('after disconnecting, the order page offers “Connect Dealbridge”, which opens Dealbridge’s settings', async () => {
    await h.send('connection.disconnect', {});
    const other = await h.openBackend('webasyst/shop/?action=orders#/order/3/');
    const hint = await until('the connect hint', () => other.$(hook('connect-hint')));
    expect(await hint.evaluate((el) => el.textContent)).toBe('Connect Dealbridge');
    expect(await other.$(hook('open-picker'))).toBeNull();
    const options = h.browser.waitForTarget((t) => t.url().endsWith('/options.html'));
    await hint.click();
    await options;
    await other.close();
  });
});
