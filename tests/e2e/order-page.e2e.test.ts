import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { until } from './until';

/**
 * The order page's "Deal in CRM" control in Chromium, against the simulated Shop backend
 * (hash routing, order block replaced on every move and after every action) in both UIs.
 *
 * Demo data: order 1 (#1001, John Smith) is linked to deal 6; order 4 (Linda Chen) to deal 4;
 * order 3 (Peter Novak) is unlinked and Novak's deal 7 is open and unlinked; order 2 (Maria
 * Garcia) is unlinked. The test adds a hostile-named unlinked deal for Garcia, and links a
 * hostile-named deal to order 5 (John Smith).
 */

const ADMIN = 1;
const HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> Deal & "Co"';
const CONTROL = '[data-dealbridge="order-control"]';
const hook = (name: string) => `${CONTROL} >>> [data-dealbridge="${name}"]`;

interface ControlState {
  count: number;
  inBlock: boolean;
  inSplitPane: boolean;
  linked: string | null;
  picker: boolean;
  options: string[];
  problem: string | null;
  injected: number;
}

function controlState(page: Page): Promise<ControlState> {
  return page.evaluate((selector) => {
    const hosts = document.querySelectorAll(selector);
    const host = hosts[0] as HTMLElement | undefined;
    const root = host?.shadowRoot;
    const q = (name: string) => root?.querySelector(`[data-dealbridge="${name}"]`) ?? null;
    return {
      count: hosts.length,
      inBlock: !!host?.closest('#s-order-block ul.s-order-actions'),
      inSplitPane: !!host?.closest('#s-order'),
      linked: q('linked-deal')?.textContent ?? null,
      picker: !!q('deal-picker'),
      options: [...(root?.querySelectorAll('[data-dealbridge="deal-option"] .db-option-name') ?? [])].map(
        (el) => el.textContent ?? '',
      ),
      problem: (q('problem') as HTMLElement | null)?.dataset.code ?? null,
      // Anything that markup in a name could have created.
      injected: root?.querySelectorAll('img, script, iframe').length ?? 0,
    };
  }, CONTROL);
}

/** Waits for the page to show order `id` and the control to be ready for it. */
async function onOrder(page: Page, id: number, ready: (state: ControlState) => boolean): Promise<ControlState> {
  await until(`order ${id} on the page`, () =>
    page.evaluate(
      (orderId) => !!document.querySelector(`#s-order-block #s-order-title a.read-mode[href="#/order/${orderId}/"]`),
      id,
    ),
  );
  return until(`the control for order ${id}`, async () => {
    const state = await controlState(page);
    return ready(state) ? state : null;
  });
}

const showsDeal = (name: string) => (state: ControlState) => state.linked === name;
const showsPickerButton = (state: ControlState) => state.count === 1 && state.linked === null && state.problem === null;

async function clickHook(page: Page, name: string, index = 0): Promise<void> {
  const handles = await page.$$(hook(name));
  if (!handles[index]) throw new Error(`No ${name} #${index}`);
  await handles[index].click();
}

/** Picks a deal, reads the summary shown before the link (order and deal side by side), and clicks "Link". */
async function pickDeal(page: Page, index = 0): Promise<{ order: string; deal: string }> {
  await clickHook(page, 'deal-option', index);
  await until('the summary before the link', () => page.$(hook('confirm-link')));
  const summary = {
    order: (await page.$eval(hook('summary-order'), (el) => el.textContent ?? '')).trim(),
    deal: (await page.$eval(hook('summary-deal'), (el) => el.textContent ?? '')).trim(),
  };
  await clickHook(page, 'confirm-link');
  return summary;
}

/** Webasyst's own CRM link in the order's sidebar, as the page shows it now. */
function builtinLink(page: Page): Promise<{ href: string; text: string; creates: boolean } | null> {
  return page.evaluate(() => {
    const link = document.querySelector<HTMLAnchorElement>('#s-order-block a.js-crm-link');
    return link
      ? {
          href: link.getAttribute('href') ?? '',
          text: (link.textContent ?? '').replace(/\s+/g, ' ').trim(),
          creates: link.classList.contains('js-crm-create-deal'),
        }
      : null;
  });
}

/** UI 2.0 re-renders the list after each switch: find and click in one step. */
async function clickInList(page: Page, orderId: number): Promise<void> {
  await until(`order ${orderId} in the list`, () =>
    page.evaluate((id) => {
      const link = document.querySelector<HTMLElement>(
        `#order-list li.order[data-order-id="${id}"] a[href="#/orders/id=${id}/"]`,
      );
      link?.click();
      return !!link;
    }, orderId),
  );
}

/** The control must stay exactly once for a while (the page keeps re-rendering around it). */
async function staysOnce(page: Page): Promise<void> {
  for (let i = 0; i < 5; i++) {
    expect((await controlState(page)).count).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
  }
}

describe.each(['2.0', '1.3'] as const)('order page, UI %s', (ui) => {
  let sim: Sim;
  let h: Harness;
  let page: Page;
  let hostileOnOrder5: number;
  let hostileForGarcia: number;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'demo', uiVersion: ui });
    hostileForGarcia = sim.state.addDeal({ name: HOSTILE, stageId: 1, contactId: 3 }, ADMIN).id;
    hostileOnOrder5 = sim.state.addDeal({ name: HOSTILE, stageId: 2, contactId: 2 }, ADMIN).id;
    sim.state.createDealFromBackend(5, { dealId: hostileOnOrder5 }, ADMIN);
    h = await launchExtension(sim, { uiVersion: ui });
    page = await h.openBackend('webasyst/shop/?action=orders#/order/3/');
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  });

  afterAll(async () => {
    await h?.close();
    await sim?.close();
  });

  it('runs in the right UI and puts the control among the action buttons, once', async () => {
    const isWa2 = await page.evaluate(() => document.documentElement.classList.contains('is-wa2'));
    expect(isWa2).toBe(ui === '2.0');
    const state = await onOrder(page, 3, showsPickerButton);
    expect(state).toMatchObject({ count: 1, inBlock: true, inSplitPane: false });
  });

  it('links the order to the customer’s existing deal, without a page reload', async () => {
    await clickHook(page, 'open-picker');
    const state = await until('the picker', async () => {
      const s = await controlState(page);
      return s.options.length ? s : null;
    });
    expect(state.options).toEqual(['Novak - desk accessories']);
    expect(await pickDeal(page)).toEqual({ order: sim.state.encodeOrderId(3), deal: 'Novak - desk accessories' });
    await onOrder(page, 3, showsDeal('Novak - desk accessories'));
    expect(sim.state.getDeal(7)?.externalId).toBe('shop:3');
    expect(sim.log.count({ effect: 'deal_link:7:order:3' })).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    // The page no longer invites a second deal: Webasyst's own link names the deal, as after a reload.
    const link = await until('Webasyst’s own link to deal 7', async () => {
      const shown = await builtinLink(page);
      return shown && !shown.creates ? shown : null;
    });
    expect(link.href).toMatch(/\/webasyst\/crm\/deal\/7\/$/);
    expect(link.text).toMatch(/^CRM deal Owner: /);
    // The "linked" notice keeps clear of the panel's close button.
    const overlap = await page.evaluate((selector) => {
      const root = document.querySelector(selector)?.shadowRoot;
      const notice = root?.querySelector('.db-panel > .db-ok')?.getBoundingClientRect();
      const close = root?.querySelector('.db-close')?.getBoundingClientRect();
      if (!notice || !close) return null;
      return (
        notice.right > close.left && notice.left < close.right && notice.bottom > close.top && notice.top < close.bottom
      );
    }, CONTROL);
    expect(overlap).toBe(false);
    // Among the action buttons, the control's item is spaced as its siblings are.
    const spacing = await page.evaluate(() => {
      const slot = document.querySelector('[data-dealbridge-slot]');
      const sibling = slot?.parentElement?.querySelector(':scope > li:not([data-dealbridge-slot])');
      const box = (el: Element | null | undefined) => (el ? getComputedStyle(el) : null);
      const a = box(slot);
      const b = box(sibling);
      return a && b
        ? [a.marginTop, a.marginBottom, a.marginLeft, a.marginRight].join() ===
            [b.marginTop, b.marginBottom, b.marginLeft, b.marginRight].join()
        : null;
    });
    expect(spacing).toBe(true);
    await staysOnce(page);
  });

  it('follows hash navigation, and creates a new linked deal (hostile names in the picker stay text)', async () => {
    await page.evaluate(() => (location.hash = '#/order/2/'));
    await onOrder(page, 2, showsPickerButton);
    await clickHook(page, 'open-picker');
    const state = await until('Garcia’s deals', async () => {
      const s = await controlState(page);
      return s.options.length >= 3 ? s : null;
    });
    expect(state.options).toContain(HOSTILE);
    expect(state.options).toContain('Annual keyboard supply (Garcia)');
    expect(state.injected).toBe(0);
    const dealsBefore = new Set(sim.state.deals.keys());
    await clickHook(page, 'new-deal');
    await until('the new-deal form', () => page.$(hook('new-deal-submit')));
    await clickHook(page, 'new-deal-submit');
    const linked = await onOrder(page, 2, (s) => s.linked !== null);
    const created = [...sim.state.deals.values()].filter((d) => !dealsBefore.has(d.id));
    expect(created).toHaveLength(1);
    expect(created[0].externalId).toBe('shop:2');
    expect(linked.linked).toBe(created[0].name);
    expect(sim.log.count({ effect: `deal_create_backend:${created[0].id}:order:2` })).toBe(1);
    await until('Webasyst’s own link to the new deal', async () =>
      (await builtinLink(page))?.href.endsWith(`/crm/deal/${created[0].id}/`),
    );
    await staysOnce(page);
  });

  it('moves to a linked order by hash, and comes back exactly once after an order action', async () => {
    await page.evaluate(() => (location.hash = '#/order/1/'));
    await onOrder(page, 1, showsDeal('Order #1001'));
    await staysOnce(page);
    const before = sim.log.count({ effect: 'order_action:1:complete' });
    const oldBlock = await page.$('#s-order-block');
    await page.click('#s-order-block a.wf-action[data-action-id="complete"]');
    // The block is rebuilt (there is a moment without any), then the control is back, once.
    await until('the rebuilt order block', () =>
      page.evaluate((old) => !!document.querySelector('#s-order-block') && !old!.isConnected, oldBlock),
    );
    await onOrder(page, 1, showsDeal('Order #1001'));
    await staysOnce(page);
    expect(sim.log.count({ effect: 'order_action:1:complete' })).toBe(before + 1);
  });

  it('follows the split view from order to order', async () => {
    await page.evaluate(() => (location.hash = '#/orders/all/'));
    await until('the orders list', () => page.$('#order-list li.order[data-order-id="4"]'));
    await clickInList(page, 4);
    const chen = await onOrder(page, 4, showsDeal('Chen startup onboarding kit'));
    expect(chen.inSplitPane).toBe(true);
    await staysOnce(page);
    await clickInList(page, 3);
    const novak = await onOrder(page, 3, showsDeal('Novak - desk accessories'));
    expect(novak).toMatchObject({ count: 1, inSplitPane: true, inBlock: true });
  });

  it('in the split view too, Webasyst’s own link follows a deal created here', async () => {
    await page.evaluate(() => (location.hash = '#/orders/all/'));
    await until('the orders list', () => page.$('#order-list li.order[data-order-id="8"]'));
    await clickInList(page, 8);
    const before = await onOrder(page, 8, showsPickerButton);
    expect(before.inSplitPane).toBe(true);
    expect((await builtinLink(page))?.creates).toBe(true);
    await clickHook(page, 'open-picker');
    await until('the picker', () => page.$(hook('new-deal')));
    await clickHook(page, 'new-deal');
    await until('the new-deal form', () => page.$(hook('new-deal-submit')));
    await clickHook(page, 'new-deal-submit');
    await onOrder(page, 8, (s) => s.linked !== null);
    const dealId = sim.state.dealForOrder(8)!.id;
    await until('Webasyst’s own link in the split pane', () =>
      page.evaluate(
        (id) => !!document.querySelector(`#s-order #s-order-block a.js-crm-link[href$="/crm/deal/${id}/"]`),
        dealId,
      ),
    );
  });

  it('refuses a deal linked elsewhere in the meantime, then an expired session, each with its own message', async () => {
    await page.evaluate(() => (location.hash = '#/order/6/'));
    await onOrder(page, 6, showsPickerButton);
    await clickHook(page, 'open-picker');
    const before = await until('Garcia’s deals', async () => {
      const s = await controlState(page);
      return s.options.includes('Annual keyboard supply (Garcia)') ? s : null;
    });
    // Someone links deal 2 to another order while the picker is open.
    sim.state.createDealFromBackend(12, { dealId: 2 }, ADMIN);
    const effectsBefore = sim.log.effects().length;
    await pickDeal(page, before.options.indexOf('Annual keyboard supply (Garcia)'));
    const refused = await until('the refusal', async () => {
      const s = await controlState(page);
      return s.problem === 'deal_linked_elsewhere' && !s.options.includes('Annual keyboard supply (Garcia)') ? s : null;
    });
    expect(refused.linked).toBeNull();
    // Nothing was written: the endpoint would have created a new deal instead.
    expect(
      sim.log
        .effects()
        .slice(effectsBefore)
        .filter((e) => e.startsWith('deal_')),
    ).toEqual([]);

    // The backend session ends; the next attempt says so and writes nothing.
    const cookies = await page.cookies();
    await page.deleteCookie(
      ...cookies.filter((c) => c.name === 'PHPSESSID' || c.name === 'auth_token' || c.name === 'remember'),
    );
    await pickDeal(page, 0);
    await until('the session message', async () => (await controlState(page)).problem === 'session_expired');
    expect(
      sim.log
        .effects()
        .slice(effectsBefore)
        .filter((e) => e.startsWith('deal_')),
    ).toEqual([]);
    expect(sim.state.dealForOrder(6)).toBeFalsy();
    await h.login();
  });

  it('opens its panel inside a narrow window, not past its right edge', async () => {
    const narrow = await h.openBackend('webasyst/shop/?action=orders#/order/3/');
    await narrow.setViewport({ width: 1100, height: 800 });
    await onOrder(narrow, 3, (state) => state.count === 1 && state.linked !== null);
    const toggle = await narrow.waitForSelector(`${CONTROL} >>> [data-dealbridge="linked-toggle"]`);
    await toggle!.click();
    const box = await until('the open panel', () =>
      narrow.evaluate((selector) => {
        const panel = document.querySelector(selector)?.shadowRoot?.querySelector('.db-panel');
        const rect = panel?.getBoundingClientRect();
        return rect && rect.width > 0
          ? { left: rect.left, right: rect.right, width: document.documentElement.clientWidth }
          : null;
      }, CONTROL),
    );
    expect(box.right).toBeLessThanOrEqual(box.width);
    expect(box.left).toBeGreaterThanOrEqual(0);
    await narrow.close();
  });

  it('shows a deal named with HTML and script as text', async () => {
    await page.evaluate(() => (location.hash = '#/order/5/'));
    const state = await onOrder(page, 5, showsDeal(HOSTILE));
    expect(state.injected).toBe(0);
    await clickHook(page, 'linked-toggle');
    await until('the details', () => page.$(hook('linked-details')));
    const title = await page.$eval(hook('linked-details'), (el) => el.querySelector('h3')?.textContent);
    expect(title).toBe(HOSTILE);
    expect((await controlState(page)).injected).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(hostileForGarcia).toBeGreaterThan(0);
  });
});
