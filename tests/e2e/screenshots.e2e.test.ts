import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { until } from './until';

/**
 * The screenshot set: every surface Dealbridge draws, in both Shop-Script UIs and both
 * languages, written to `.tmp/screenshots/` on every `npm test`, so that a person can look at
 * each of them after a change. Each picture is taken once its surface shows its data in the
 * browser's language (checked here), so a set that looks wrong fails the run.
 */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../.tmp/screenshots');
const ADMIN = 1;
const CONTROL = '[data-dealbridge="order-control"]';
const PANEL = '[data-dealbridge="deal-panel"]:not([hidden])';

const WORDS = {
  en: {
    control: 'Funnel',
    panel: 'Run “Sent” on order #1003',
    popup: 'Sync now',
    options: 'Workflow-Funnel synchronization',
    offer: 'Link an order',
    summary: 'Link this order and this deal?',
    noOrders: 'has no orders without a deal',
    backfill: 'Link to the deal',
    backfillCsv: 'Download CSV',
  },
  ru: {
    control: 'Воронка',
    panel: 'Выполнить «Sent» для заказа #1003',
    popup: 'Синхронизировать',
    options: 'Синхронизация статусов заказа и этапов сделки',
    offer: 'Связать с заказом',
    summary: 'Связать этот заказ и эту сделку?',
    noOrders: 'нет заказов без сделки',
    backfill: 'Привязать к сделке',
    backfillCsv: 'Скачать CSV',
  },
} as const;

async function shadowText(page: Page, host: string): Promise<string> {
  return page.evaluate(
    (selector) => (document.querySelector(selector)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '),
    host,
  );
}

for (const lang of ['en', 'ru'] as const) {
  describe(`screenshots (${lang})`, () => {
    let sim: Sim;
    let h: Harness;
    let dealOf3 = 0;
    const words = WORDS[lang];
    const shot = (page: Page, name: string, fullPage = false) =>
      page.screenshot({ path: `${SCREENSHOT_DIR}/${lang}-${name}.png`, fullPage });

    beforeAll(async () => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      sim = await startSimulator({ seed: 'demo' });
      h = await launchExtension(sim, { lang });
      await h.updateSettings({
        mappings: [
          {
            funnelId: 1,
            rules: [
              { actionId: 'process', target: { kind: 'stage', stageId: 2 } },
              { actionId: 'pay', target: { kind: 'stage', stageId: 3 } },
              { actionId: 'ship', target: { kind: 'stage', stageId: 4 }, formChoice: 'ask' },
              { actionId: 'complete', target: { kind: 'won' }, direction: 'order_to_deal' },
            ],
          },
        ],
      });
      // Order #1003 gets a deal, moved to "Sent", which asks a person: a problem on every surface.
      await h.send('sync.now', {});
      dealOf3 = Number(sim.state.createDealFromBackend(3, { dealId: 'new', stageId: 1 }, ADMIN).id);
      await h.send('sync.now', {});
      await until(
        'the deal seen',
        async () =>
          (
            await h.send<{ status: { syncing: boolean; lastSyncAt: number | null } }>('status.get', {
              activityLimit: 0,
            })
          ).status.syncing === false,
      );
      sim.state.moveDeal(dealOf3, 4, ADMIN, { force: true });
      await h.send('sync.nudge', { kind: 'deal', id: dealOf3 });
      await until(
        'the problem',
        async () =>
          (await h.send<{ status: { problemCount: number } }>('status.get', { activityLimit: 0 })).status
            .problemCount === 1,
      );
    }, 120_000);

    afterAll(async () => {
      await h?.close();
      await sim?.close();
    });

    it('speaks the browser’s language', async () => {
      const popup = await h.extensionPage('popup');
      expect(
        await popup.evaluate(() =>
          (globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }).chrome.i18n.getUILanguage(),
        ),
      ).toMatch(new RegExp(`^${lang}`));
      await popup.close();
    });

    for (const ui of ['2.0', '1.3'] as const) {
      it(`order page and split view, UI ${ui}`, async () => {
        await h.browser.setCookie({
          name: 'force_set_wa_backend_ui_version',
          value: ui,
          domain: new URL(sim.url).hostname,
          path: '/',
        });
        const page = await h.openBackend('webasyst/shop/?action=orders#/order/3/');
        await page.setViewport({ width: 1280, height: 860 });
        const toggle = await until('the control', () => page.$(`${CONTROL} >>> [data-dealbridge="linked-toggle"]`));
        await toggle.click();
        await until('the panel with the problem', async () => (await shadowText(page, CONTROL)).includes(words.panel));
        expect(await shadowText(page, CONTROL)).toContain(words.control);
        await shot(page, `order-ui${ui.replace('.', '')}`);

        // The picker on an unlinked order of a customer with open deals.
        await page.evaluate(() => (location.hash = '#/order/2/'));
        const open = await until('the picker button', () => page.$(`${CONTROL} >>> [data-dealbridge="open-picker"]`));
        await open.click();
        await until('the deals', () => page.$(`${CONTROL} >>> [data-dealbridge="deal-option"]`));
        await shot(page, `picker-ui${ui.replace('.', '')}`);
        // The summary before the link: order and deal side by side.
        await (await page.$(`${CONTROL} >>> [data-dealbridge="deal-option"]`))!.click();
        await until('the summary', async () => (await shadowText(page, CONTROL)).includes(words.summary));
        await shot(page, `picker-summary-ui${ui.replace('.', '')}`);
        await (await page.$(`${CONTROL} >>> [data-dealbridge="cancel-link"]`))!.click();

        await page.evaluate(() => (location.hash = '#/orders/all/'));
        await until('the list', () => page.$('#order-list li.order[data-order-id="1"]'));
        await page.evaluate(() =>
          document
            .querySelector<HTMLElement>('#order-list li.order[data-order-id="1"] a[href="#/orders/id=1/"]')
            ?.click(),
        );
        await until('the control in the split pane', () =>
          page.$(`#s-order ${CONTROL} >>> [data-dealbridge="linked-deal"]`),
        );
        await shot(page, `split-ui${ui.replace('.', '')}`);
        await page.close();
      });
    }

    it('deal page', async () => {
      const page = await h.openBackend(`webasyst/crm/deal/${dealOf3}/`);
      await page.setViewport({ width: 1280, height: 860 });
      await until('the order panel with the problem', async () =>
        (await shadowText(page, PANEL)).includes(words.panel),
      );
      await shot(page, 'deal-page');
      await page.close();
    });

    it('deal page, unlinked: “Link an order”, the client’s orders, the summary, and a client without free orders', async () => {
      const page = await h.openBackend('webasyst/crm/deal/1/');
      await page.setViewport({ width: 1280, height: 860 });
      const offer = await until('the offer', () => page.$(`${PANEL} >>> [data-dealbridge="link-order"]`));
      expect(await shadowText(page, PANEL)).toContain(words.offer);
      await shot(page, 'deal-unlinked');
      await offer.click();
      await until('the orders', () => page.$(`${PANEL} >>> [data-dealbridge="order-option"]`));
      await shot(page, 'deal-link-order');
      await (await page.$(`${PANEL} >>> [data-dealbridge="order-option"]`))!.click();
      await until('the summary', async () => (await shadowText(page, PANEL)).includes(words.summary));
      await shot(page, 'deal-link-summary');
      await page.close();

      const client = sim.state.addContact({
        firstname: 'Ivan',
        middlename: '',
        lastname: 'Petrov',
        email: '',
        phone: '',
        address: null,
        company: '',
        createdAt: Date.now(),
        isUser: 0,
        login: null,
        password: null,
      } as never);
      const deal = sim.state.addDeal({ name: 'Petrov - first call', stageId: 1, contactId: client.id }, ADMIN);
      const empty = await h.openBackend(`webasyst/crm/deal/${deal.id}/`);
      await empty.setViewport({ width: 1280, height: 860 });
      await (await until('the offer', () => empty.$(`${PANEL} >>> [data-dealbridge="link-order"]`))).click();
      await until('no orders', async () => (await shadowText(empty, PANEL)).includes(words.noOrders));
      await shot(empty, 'deal-link-no-orders');
      await empty.close();
    });

    it('popup and options', async () => {
      const popup = await h.extensionPage('popup');
      await popup.setViewport({ width: 420, height: 640 });
      await until('the popup with its problem', () =>
        popup.evaluate(() => !!document.querySelector('[data-dealbridge="run-in-shop"]')),
      );
      expect(await popup.$eval('[data-dealbridge="sync-now"]', (el) => el.textContent)).toBe(words.popup);
      await shot(popup, 'popup', true);
      await popup.close();

      const options = await h.extensionPage('options');
      await options.setViewport({ width: 1280, height: 900 });
      await until('the mapping', () => options.$('[data-dealbridge="mapping-funnel"]'));
      expect(await options.$eval('#db-mapping-title', (el) => el.textContent)).toBe(words.options);
      await shot(options, 'options', true);
      await options.close();
    });

    it('options: existing orders, the plan and the run done', async () => {
      // A deal whose name holds order #1007's number (and markup, which must stay text).
      sim.state.addDeal(
        {
          name: '<img src=x onerror=alert(1)> Follow-up #1007',
          stageId: 1,
          contactId: sim.state.getOrder(7)!.contactId!,
          amount: null,
        },
        ADMIN,
      );
      const options = await h.extensionPage('options');
      await options.setViewport({ width: 1280, height: 900 });
      const show = await until('the plan button', () =>
        options.$('[data-dealbridge="backfill-show-plan"]:not([disabled])'),
      );
      await show.click();
      await until('the plan', () => options.$('[data-dealbridge="backfill-plan"]'));
      expect(
        await options.$eval('[data-dealbridge="backfill-row"][data-action="link"]', (el) => el.textContent),
      ).toContain(words.backfill);
      expect(await options.$('[data-dealbridge="backfill"] img')).toBeNull();
      const section = (await options.$('[data-dealbridge="backfill"]'))!;
      await section.screenshot({ path: `${SCREENSHOT_DIR}/${lang}-options-backfill.png` });

      // The run: its counts at the end, and the CSV of what was done.
      await options.click('[data-dealbridge="backfill-start"]');
      const csv = await until('the run done', () =>
        options.$('[data-dealbridge="backfill-status"][data-status="done"] [data-dealbridge="backfill-csv"]'),
      );
      expect(await csv.evaluate((el) => el.textContent)).toBe(words.backfillCsv);
      // Taller than the section with its progress, so that the page's save bar does not cover its end.
      await options.setViewport({ width: 1280, height: 1200 });
      await section.screenshot({ path: `${SCREENSHOT_DIR}/${lang}-options-backfill-done.png` });
      await options.close();
    });
  });
}
