import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { until } from './until';

/**
 * "Link an order" on an unlinked deal, in both languages, against the simulated CRM SPA.
 * Demo data: deal 1 ("Office chairs for Smith & Co", John Smith) has no order; John's orders
 * without a deal are #1009 and #1005 (#1001 is deal 6's). The order page's guarantees hold:
 * fresh checks, Webasyst's own endpoint, a re-read, and a summary before the click that links.
 */
const ADMIN = 1;
const PANEL = '[data-dealbridge="deal-panel"]:not([hidden])';
const hook = (name: string) => `${PANEL} >>> [data-dealbridge="${name}"]`;
const WORDS = {
  en: {
    offer: 'Link an order',
    noOrders: 'has no orders without a deal',
    noClient: 'This deal has no client',
    taken: 'was linked to the deal',
    link: 'Link',
    subtotal: 'Subtotal',
  },
  ru: {
    offer: 'Связать с заказом',
    noOrders: 'нет заказов без сделки',
    noClient: 'У сделки нет клиента',
    taken: 'тем временем связали со сделкой',
    link: 'Связать',
    subtotal: 'Подытог',
  },
} as const;

const panelText = (page: Page) =>
  page.evaluate((s) => (document.querySelector(s)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '), PANEL);
const options = (page: Page) =>
  page.evaluate(
    (s) =>
      [...(document.querySelector(s)?.shadowRoot?.querySelectorAll('[data-dealbridge="order-option"]') ?? [])].map(
        (el) => Number((el as HTMLElement).dataset.orderId),
      ),
    PANEL,
  );
const focused = (page: Page) =>
  page.evaluate(
    (s) => (document.querySelector(s)?.shadowRoot?.activeElement as HTMLElement | null)?.dataset.dealbridge ?? null,
    PANEL,
  );

async function openPicker(page: Page): Promise<void> {
  await (await until('Link an order', () => page.$(hook('link-order'))))!.click();
}

for (const lang of ['en', 'ru'] as const) {
  describe(`link an order from the deal page (${lang})`, () => {
    let sim: Sim;
    let h: Harness;
    const words = WORDS[lang];

    beforeAll(async () => {
      sim = await startSimulator({ seed: 'demo' });
      h = await launchExtension(sim, { lang });
    });
    afterAll(async () => {
      await h?.close();
      await sim?.close();
    });

    it('lists the client’s orders without a deal, newest first, searchable; the keyboard picks, the summary shows, Link links and the panel becomes the order’s', async () => {
      const page = await h.openBackend('webasyst/crm/deal/1/');
      expect(await until('the offer', async () => ((await panelText(page)).includes(words.offer) ? true : null))).toBe(
        true,
      );
      await openPicker(page);
      expect(await until('the orders', async () => ((await options(page)).length ? options(page) : null))).toEqual([
        9, 5,
      ]);
      const text = await panelText(page);
      expect(text).toContain(sim.state.encodeOrderId(9));
      expect(text).not.toContain(`${sim.state.encodeOrderId(1)} `); // #1001 is deal 6's
      await until('the focus in the search', async () => ((await focused(page)) === 'order-search' ? true : null));

      // Search narrows the list; the keyboard moves and picks.
      await page.keyboard.type(sim.state.encodeOrderId(5));
      await until('one order', async () => ((await options(page)).length === 1 ? true : null));
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await until('both again', async () => ((await options(page)).length === 2 ? true : null));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      // Nothing is linked before "Link": order and deal side by side, the focus on "Link".
      await until('the summary', () => page.$(hook('confirm-link')));
      await until('the focus on Link', async () => ((await focused(page)) === 'confirm-link' ? true : null));
      expect(await page.$eval(hook('summary-order'), (el) => el.textContent)).toBe(sim.state.encodeOrderId(9));
      expect(await page.$eval(hook('summary-deal'), (el) => el.textContent)).toBe('Office chairs for Smith & Co');
      expect(sim.state.getDeal(1)!.externalId).toBeNull();
      // Escape steps back to the list; Enter on the order and on "Link" links.
      await page.keyboard.press('Escape');
      await until('the list again, the focus in its search', async () =>
        (await options(page)).length === 2 && (await focused(page)) === 'order-search' ? true : null,
      );
      await page.keyboard.press('Enter');
      await until('the summary again', () => page.$(hook('confirm-link'))).catch(async (e) => {
        throw new Error(`${e.message}: ${await panelText(page)} focus=${await focused(page)}`);
      });
      await until('the focus on Link', async () => ((await focused(page)) === 'confirm-link' ? true : null));
      await page.keyboard.press('Enter');
      await until('the order’s panel', async () =>
        (await panelText(page)).includes(words.subtotal) ? true : null,
      ).catch(async (e) => {
        throw new Error(`${e.message}: ${await panelText(page)}`);
      });
      expect(await page.$eval(hook('order-number'), (el) => el.textContent)).toBe(sim.state.encodeOrderId(9));
      expect(sim.state.getDeal(1)!.externalId).toBe('shop:9');
      expect(sim.log.count({ effect: 'deal_link:1:order:9' })).toBe(1);
      expect(await page.$(hook('link-order'))).toBeNull();
      await page.close();
    });

    it('refuses an order linked elsewhere in the meantime, and lists afresh', async () => {
      const deal = sim.state.addDeal({ name: 'Garcia - new chairs', stageId: 1, contactId: 3 }, ADMIN);
      const page = await h.openBackend(`webasyst/crm/deal/${deal.id}/`);
      await openPicker(page);
      const shown = await until('Garcia’s orders', async () => ((await options(page)).length ? options(page) : null));
      const target = shown[0];
      // Someone links that order to another deal while the picker is open.
      sim.state.createDealFromBackend(target, { dealId: 'new', stageId: 1 }, ADMIN);
      const effects = sim.log.effects().length;
      await (await page.$(hook('order-option')))!.click();
      await (await until('the summary', () => page.$(hook('confirm-link'))))!.click();
      await until('the refusal', async () => ((await panelText(page)).includes(words.taken) ? true : null));
      expect(await page.$eval(hook('link-problem'), (el) => (el as HTMLElement).dataset.code)).toBe(
        'order_already_linked',
      );
      await until('a fresh list', async () => (!(await options(page)).includes(target) ? true : null));
      expect(
        sim.log
          .effects()
          .slice(effects)
          .filter((e) => e.startsWith('deal_')),
      ).toEqual([]);
      expect(sim.state.getDeal(deal.id)!.externalId).toBeNull();
      await page.close();
    });

    it('a client without free orders: says so, with Shop-Script’s New order for that client', async () => {
      const client = sim.state.addContact({
        firstname: 'Ivan',
        middlename: '',
        lastname: 'Petrov',
        email: 'ivan@example.com',
        phone: '',
        address: null,
        company: '',
        createdAt: Date.now(),
        isUser: 0,
        login: null,
        password: null,
      } as never);
      const deal = sim.state.addDeal({ name: 'Petrov - first chat', stageId: 1, contactId: client.id }, ADMIN);
      const page = await h.openBackend(`webasyst/crm/deal/${deal.id}/`);
      await openPicker(page);
      await until('no orders', () => page.$(hook('no-orders')));
      expect(await panelText(page)).toContain(words.noOrders);
      const href = await page.$eval(hook('new-order'), (el) => el.getAttribute('href'));
      expect(href).toBe(
        new URL(`webasyst/shop/?action=orders#/orders/new/customer_id=${client.id}`, sim.url).toString(),
      );
      await page.close();
    });

    it('a deal without a client says why it cannot be linked', async () => {
      const deal = sim.state.addDeal({ name: 'Walk-in lead', stageId: 1, contactId: 2 }, ADMIN);
      sim.state.getDeal(deal.id)!.contactId = 0;
      const page = await h.openBackend(`webasyst/crm/deal/${deal.id}/`);
      await openPicker(page);
      await until('the reason', () => page.$(hook('no-customer')));
      expect(await panelText(page)).toContain(words.noClient);
      expect(await page.$(hook('order-option'))).toBeNull();
      await page.close();
    });
  });
}
