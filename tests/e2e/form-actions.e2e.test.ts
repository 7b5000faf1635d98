import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { until } from './until';

/**
 * Order actions with a form, in the real extension against the simulated Webasyst:
 * "Paid" runs without its form with nobody involved; "Sent" asks a person, whose one click on
 * the deal page (or in the order control) opens Shop-Script's own form on the order page, in
 * UI 2.0 and 1.3. Submitting it clears the problem on the next look.
 *
 * Demo data: order 2 is processing, order 3 paid, both unlinked (customers Maria Garcia, Linda Chen).
 */
const ADMIN = 1;
const PANEL = '[data-dealbridge="deal-panel"]:not([hidden])';
const CONTROL = '[data-dealbridge="order-control"]';

interface Status {
  status: { lastSyncAt: number | null; syncing: boolean; pendingCount: number; problemCount: number };
}

async function syncedOnce(h: Harness): Promise<void> {
  const asked = Date.now();
  await h.send('sync.now', {});
  await until('a sync cycle', async () => {
    const { status } = await h.send<Status>('status.get', { activityLimit: 0 });
    return (status.lastSyncAt ?? 0) > asked && !status.syncing;
  });
}

async function start(ui: '2.0' | '1.3'): Promise<{ sim: Sim; h: Harness }> {
  const sim = await startSimulator({ seed: 'demo' });
  const h = await launchExtension(sim, { uiVersion: ui });
  await h.updateSettings({
    mappings: [
      {
        funnelId: 1,
        rules: [
          { actionId: 'pay', target: { kind: 'stage', stageId: 3 } }, // run without the form (its default)
          { actionId: 'ship', target: { kind: 'stage', stageId: 4 }, formChoice: 'ask' },
        ],
      },
    ],
  });
  await syncedOnce(h);
  return { sim, h };
}

/** A deal linked to the order, moved by a person to `stageId`, and the sync told about it. */
async function moveLinkedDeal(sim: Sim, h: Harness, orderId: number, stageId: number): Promise<number> {
  const dealId = Number(sim.state.createDealFromBackend(orderId, { dealId: 'new', stageId: 1 }, ADMIN).id);
  await syncedOnce(h);
  sim.state.moveDeal(dealId, stageId, ADMIN, { force: true });
  await h.send('sync.nudge', { kind: 'deal', id: dealId });
  return dealId;
}

function shadowHook(
  page: Page,
  host: string,
  hook: string,
): Promise<{ text: string; orderId: string | null; actionId: string | null; target: string | null } | null> {
  return page.evaluate(
    (hostSelector, name) => {
      const el = document
        .querySelector(hostSelector)
        ?.shadowRoot?.querySelector<HTMLElement>(`[data-dealbridge="${name}"]`);
      return el
        ? {
            text: (el.textContent ?? '').trim(),
            orderId: el.dataset.orderId ?? null,
            actionId: el.dataset.actionId ?? null,
            target: el.getAttribute('target'),
          }
        : null;
    },
    host,
    hook,
  );
}

function clickShadowHook(page: Page, host: string, hook: string): Promise<void> {
  return page.evaluate(
    (hostSelector, name) =>
      document
        .querySelector(hostSelector)!
        .shadowRoot!.querySelector<HTMLElement>(`[data-dealbridge="${name}"]`)!
        .click(),
    host,
    hook,
  );
}

/** Shop-Script's own form for the action, opened in the order page. */
function openForm(page: Page, actionId: string): Promise<boolean> {
  return until(`the “${actionId}” form`, () =>
    page.evaluate((id) => {
      const form = document.querySelector<HTMLFormElement>(
        `#s-order-block form.s-workflow-form[data-action-id="${id}"]`,
      );
      return !!form && form.offsetParent !== null;
    }, actionId),
  );
}

async function submitShipForm(page: Page, tracking: string): Promise<void> {
  await page.type('#s-order-block form.s-workflow-form[data-action-id="ship"] input[name="tracking_number"]', tracking);
  await page.click('#s-order-block form.s-workflow-form[data-action-id="ship"] .s-workflow-submit');
}

for (const ui of ['2.0', '1.3'] as const) {
  describe(`actions with a form (UI ${ui})`, () => {
    let sim: Sim;
    let h: Harness;

    beforeAll(async () => {
      ({ sim, h } = await start(ui));
    });

    afterAll(async () => {
      await h?.close();
      await sim?.close();
    });

    it('a deal moved to “Paid” pays its order, nobody involved', async () => {
      await moveLinkedDeal(sim, h, 2, 3);
      await until('order 2 paid', () => sim.state.getOrder(2)!.stateId === 'paid');
      const log = sim.state.orders.log(sim.state.getOrder(2)!);
      expect(log.at(-1)).toMatchObject({ actionId: 'pay', contactId: ADMIN, text: '', params: {} });
      expect(sim.state.getOrder(2)!.paidAt).not.toBeNull();
      await syncedOnce(h);
      expect((await h.send<Status>('status.get', { activityLimit: 0 })).status.problemCount).toBe(0);
    });

    it('a deal moved to “Sent” asks a person: one click on the deal page opens Shop-Script’s form; submitted, the problem clears', async () => {
      const dealId = await moveLinkedDeal(sim, h, 3, 4);
      await until(
        'the problem',
        async () => (await h.send<Status>('status.get', { activityLimit: 0 })).status.problemCount === 1,
      );
      expect(sim.state.getOrder(3)!.stateId).toBe('paid');

      const dealPage = await h.openBackend(`webasyst/crm/deal/${dealId}/`);
      const button = await until('the run-in-shop button', () => shadowHook(dealPage, PANEL, 'run-in-shop'));
      expect(button).toEqual({ text: 'Run “Sent” on order #1003', orderId: '3', actionId: 'ship', target: '_blank' });

      const opened = h.browser.waitForTarget((t) => t.type() === 'page' && t.url().includes('/webasyst/shop/'));
      await clickShadowHook(dealPage, PANEL, 'run-in-shop');
      const orderPage = (await (await opened).page())!;
      await openForm(orderPage, 'ship');
      // One shot: the marker has left the address, so a reload does not open the form again.
      expect(await orderPage.evaluate(() => location.search + location.hash)).toBe('?action=orders#/order/3/');
      await submitShipForm(orderPage, 'RA123456789');
      await until('order 3 shipped', () => sim.state.getOrder(3)!.stateId === 'shipped');
      expect(sim.state.getOrder(3)!.params.tracking_number).toBe('RA123456789');

      await syncedOnce(h);
      await until(
        'the problem gone',
        async () => (await h.send<Status>('status.get', { activityLimit: 0 })).status.problemCount === 0,
      );
      expect(sim.log.effects().filter((e) => e.startsWith('order_action:3:'))).toEqual(['order_action:3:ship']);
      await orderPage.reload({ waitUntil: 'domcontentloaded' });
      await until('the control after the reload', () => orderPage.$(CONTROL));
      expect(await orderPage.$('#s-order-block form.s-workflow-form')).toBeNull();
      await dealPage.close();
      await orderPage.close();
    });

    it('on the order page the control’s button opens the form in place', async () => {
      // Order 8 is fulfilling: "Sent" is on offer.
      await moveLinkedDeal(sim, h, 8, 4);
      await until(
        'the problem',
        async () => (await h.send<Status>('status.get', { activityLimit: 0 })).status.problemCount === 1,
      );
      const page = await h.openBackend('webasyst/shop/?action=orders#/order/8/');
      await until('the control', () => shadowHook(page, CONTROL, 'linked-toggle'));
      await clickShadowHook(page, CONTROL, 'linked-toggle');
      const button = await until('the run-in-shop button', () => shadowHook(page, CONTROL, 'run-in-shop'));
      expect(button).toMatchObject({ text: 'Run “Sent” on order #1008', orderId: '8', actionId: 'ship', target: null });
      const before = page.url();
      await clickShadowHook(page, CONTROL, 'run-in-shop');
      await openForm(page, 'ship');
      expect(page.url()).toBe(before);
      await page.close();
    });
  });
}
