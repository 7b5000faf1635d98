// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PanelPorts, PanelTimings } from '@/components/deal-panel/controller';
import { startDealPanel } from '@/components/deal-panel/mount';
import { createDealPanelMore } from '@/components/deal-panel/more-mount';
import { send } from '@/utils/messaging/content-client';

// As entrypoints/deal-panel-more.ts makes it; nothing here links, so the backend is never reached.
const dealPanelMore = createDealPanelMore(() => ({
  request: send,
  link: async () => {
    throw new Error('no linking in these tests');
  },
}));
import type { DealOrderReply } from '@/components/deal-panel/view';
import { DealPageDriver, type DealPageTimings } from '@/utils/pages/crm/deal-page';
import { setLanguage } from '@/utils/i18n';

const domDir = resolve(__dirname, '../../../../shared/webasyst/dom');
const html = (file: string) => readFileSync(resolve(domDir, file), 'utf8');
const LINKED = html('crm-deal-linked.html');
const UNLINKED = html('crm-deal-unlinked.html');

const timings: PanelTimings & DealPageTimings = {
  pollMs: 20,
  settleMs: 5,
  minRefreshGapMs: 0,
  stageSettleMs: 10,
  followUpMs: 60_000,
  userInputWindowMs: Infinity,
};
const settle = (ms = 100) => new Promise((r) => setTimeout(r, ms));

function orderReply(overrides: Partial<NonNullable<DealOrderReply['order']>> = {}): DealOrderReply {
  return {
    linked: true,
    customer: { id: 1, name: 'John Smith' },
    orderError: null,
    pending: [],
    problems: [],
    order: {
      orderId: 1,
      number: '#1001',
      url: 'http://localhost:3000/webasyst/shop/?action=orders#/order/1/',
      state: { id: 'paid', name: 'Paid', color: '#ff6c00' },
      paidAt: '2026-11-29 02:32:13',
      currency: 'USD',
      items: [
        {
          id: '1',
          name: 'Mechanical Keyboard',
          sku: 'KBD-MX',
          quantity: 1,
          price: 89,
          total: 89,
          services: [{ id: '3', name: 'Gift wrap', quantity: 1, price: 5, total: 5 }],
        },
        { id: '2', name: 'USB-C Cable 1m', sku: 'CABLE-C1', quantity: 2, price: 9.99, total: 19.98, services: [] },
      ],
      subtotal: 113.98,
      discount: 10,
      shipping: 15.5,
      tax: 0,
      total: 119.48,
      ...overrides,
    },
  };
}
/** `count` products named "Item 1", "Item 2"…, one of each. */
function manyItems(count: number): NonNullable<DealOrderReply['order']>['items'] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(i + 1),
    name: `Item ${i + 1}`,
    sku: `SKU-${i + 1}`,
    quantity: 1,
    price: 10,
    total: 10,
    services: [],
  }));
}
const NOT_LINKED: DealOrderReply = {
  linked: false,
  customer: { id: 1, name: 'John Smith' },
  order: null,
  orderError: null,
  pending: [],
  problems: [],
};

/** Loads a real deal page into the test document at its URL. */
function openPage(source: string, path: string) {
  history.replaceState(null, '', path);
  document.documentElement.innerHTML = new DOMParser().parseFromString(source, 'text/html').documentElement.innerHTML;
}

/** What Vue does on a deal-to-deal move: URL first, then the header, tabs and sidebar content re-render in place. */
async function moveTo(source: string, path: string) {
  history.pushState(null, '', path);
  await settle(10);
  const next = new DOMParser().parseFromString(source, 'text/html');
  for (const selector of ['.deal-header', '.tabs-wrapper', '.deal-info-sidebar']) {
    document.querySelector(selector)!.innerHTML = next.querySelector(selector)!.innerHTML;
  }
}

/** Panels on screen: the host stays in the sidebar, hidden, while there is nothing to show. */
const panels = () => document.querySelectorAll('[data-dealbridge="deal-panel"]:not([hidden])');
const shadow = () => (panels()[0] as HTMLElement | undefined)?.shadowRoot ?? null;
const text = (hook: string) =>
  shadow()?.querySelector(`[data-dealbridge="${hook}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

let controller: AbortController;
function start(ports: PanelPorts) {
  controller = new AbortController();
  return startDealPanel(new DealPageDriver(window, timings), ports, controller.signal, timings);
}
function portsFor(replies: Record<number, DealOrderReply | Error>) {
  return {
    loadDealOrder: vi.fn(async (dealId: number) => {
      const reply = replies[dealId];
      if (reply instanceof Error) throw reply;
      return structuredClone(reply ?? NOT_LINKED);
    }),
    // The second script as deal-page.js gets it once injected.
    loadMore: vi.fn(async () => dealPanelMore),
    retry: vi.fn(async () => {}),
    nudge: vi.fn(async () => {}),
  };
}

beforeEach(() => setLanguage('en'));
afterEach(() => {
  controller?.abort();
  setLanguage(null);
});

describe('the deal panel on the deal page', () => {
  it('shows the linked order once, at the top of the right sidebar', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const ports = portsFor({ 6: orderReply() });
    start(ports);
    await settle();
    expect(ports.loadDealOrder).toHaveBeenCalledWith(6);
    expect(panels()).toHaveLength(1);
    expect(document.querySelector('.deal-info-sidebar')!.firstElementChild).toBe(panels()[0]);
    const number = shadow()!.querySelector<HTMLAnchorElement>('[data-dealbridge="order-number"]')!;
    expect(number.textContent).toBe('#1001');
    expect(number.getAttribute('href')).toBe('http://localhost:3000/webasyst/shop/?action=orders#/order/1/');
    expect(text('order-state')).toBe('Paid');
    expect(text('order-paid')).toMatch(/^Paid Nov 29, 2026/);
    const items = shadow()!.querySelectorAll('[data-dealbridge="order-item"]');
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain('SKU KBD-MX');
    expect(items[0].querySelector('[data-dealbridge="order-service"]')!.textContent).toContain('Gift wrap');
    expect(items[1].textContent).toContain('2 × $9.99');
    expect(items[1].textContent).toContain('$19.98');
    expect(text('order-subtotal')).toBe('Subtotal$113.98');
    expect(text('order-discount')).toBe('Discount−$10.00');
    expect(text('order-shipping')).toBe('Shipping$15.50');
    expect(text('order-total')).toBe('Total$119.48');
  });

  it('follows the SPA: linked → unlinked → linked, re-attaching after Vue re-renders the sidebar', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const ports = portsFor({ 6: orderReply(), 4: orderReply({ orderId: 4, number: '#1004' }) });
    start(ports);
    await settle();
    expect(text('order-number')).toBe('#1001');

    await moveTo(UNLINKED, '/webasyst/crm/deal/1/history');
    await settle();
    expect(ports.loadDealOrder).toHaveBeenLastCalledWith(1);
    // An unlinked deal offers "Link an order", never the previous deal's order.
    expect(panels()).toHaveLength(1);
    expect(text('order-number')).toBeNull();
    expect(text('link-order')).toBe('Link an order');

    await moveTo(LINKED, '/webasyst/crm/deal/4/history');
    await settle();
    expect(panels()).toHaveLength(1);
    expect(text('order-number')).toBe('#1004');

    // A tab change replaces the URL only; the panel stays as it is, once.
    history.replaceState(null, '', '/webasyst/crm/deal/4/order');
    await settle();
    expect(panels()).toHaveLength(1);

    // Vue re-renders the sidebar's content (e.g. after an edit): the panel comes back, once.
    const sidebar = document.querySelector('.deal-info-sidebar')!;
    sidebar.innerHTML = '<div class="col">re-rendered</div>';
    await settle();
    expect(panels()).toHaveLength(1);
    expect(sidebar.firstElementChild).toBe(panels()[0]);
  });

  it('never shows the previous deal’s order while the next deal loads, and drops a late answer', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    let release!: (reply: DealOrderReply) => void;
    const ports = portsFor({});
    ports.loadDealOrder.mockImplementationOnce(() => new Promise((r) => (release = r)));
    start(ports);
    await settle();
    await moveTo(UNLINKED, '/webasyst/crm/deal/1/history');
    await settle();
    release(orderReply());
    await settle();
    expect(text('order-number')).toBeNull();
    expect(text('link-order')).toBe('Link an order');
  });

  it('offers only “Link an order” on an unlinked deal, and loads no second script for it', async () => {
    openPage(UNLINKED, '/webasyst/crm/deal/1/history');
    const ports = portsFor({});
    start(ports);
    await settle();
    expect(ports.loadDealOrder).toHaveBeenCalledWith(1);
    expect(panels()).toHaveLength(1);
    expect(shadow()!.querySelectorAll('[data-dealbridge="order-item"], [data-dealbridge="order-number"]')).toHaveLength(
      0,
    );
    expect(text('link-order')).toBe('Link an order');
    expect(ports.loadMore).not.toHaveBeenCalled();
  });

  it('renders HTML in names as text', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const reply = orderReply();
    reply.order!.items[0].name = evil;
    reply.order!.state.name = '<b>Paid</b>';
    start(portsFor({ 6: reply }));
    await settle();
    const root = shadow()!;
    expect(root.querySelector('img, script, b')).toBeNull();
    expect(root.querySelector('[data-dealbridge="order-item"] .name')!.textContent).toBe(evil);
    expect(text('order-state')).toBe('<b>Paid</b>');
  });

  it('refreshes without flicker: same data changes nothing, new data replaces the old in place', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const replies: Record<number, DealOrderReply> = { 6: orderReply() };
    const ports = portsFor(replies);
    const handle = start(ports);
    await settle();
    const mutations: MutationRecord[] = [];
    new MutationObserver((records) => mutations.push(...records)).observe(shadow()!, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });

    handle.controller.refresh();
    await settle();
    expect(ports.loadDealOrder).toHaveBeenCalledTimes(2);
    expect(mutations).toHaveLength(0);

    let release!: (reply: DealOrderReply) => void;
    ports.loadDealOrder.mockImplementationOnce(() => new Promise((r) => (release = r)));
    handle.controller.refresh();
    await settle();
    expect(text('order-number')).toBe('#1001');
    expect(shadow()!.querySelector('[data-dealbridge="order-loading"]')).toBeNull();
    release(orderReply({ state: { id: 'shipped', name: 'Sent', color: null } }));
    await settle();
    expect(text('order-state')).toBe('Sent');
    expect(panels()).toHaveLength(1);
  });

  it('refreshes when the user comes back to the tab', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const ports = portsFor({ 6: orderReply() });
    start(ports);
    await settle();
    document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(ports.loadDealOrder).toHaveBeenCalledTimes(3);
  });

  it('keeps the last content with a note when a refresh fails', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const ports = portsFor({ 6: orderReply() });
    const handle = start(ports);
    await settle();
    ports.loadDealOrder.mockRejectedValueOnce(Object.assign(new Error('down'), { code: 'network' }));
    handle.controller.refresh();
    await settle();
    expect(text('order-number')).toBe('#1001');
    expect(text('refresh-error')).toContain('Could not refresh');
  });

  it('shows an error box with a retry on a linked deal whose first load fails', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const ports = portsFor({ 6: Object.assign(new Error('Webasyst could not be reached.'), { code: 'network' }) });
    start(ports);
    await settle();
    expect(text('order-error')).toContain('Webasyst could not be reached.');
    ports.loadDealOrder.mockResolvedValueOnce(orderReply());
    (shadow()!.querySelector('[data-dealbridge="order-error"] button') as HTMLButtonElement).click();
    await settle();
    expect(text('order-number')).toBe('#1001');
  });

  it('keeps an unlinked deal clean even when the background fails', async () => {
    openPage(UNLINKED, '/webasyst/crm/deal/1/history');
    start(portsFor({ 1: Object.assign(new Error('no'), { code: 'not_connected' }) }));
    await settle();
    expect(panels()).toHaveLength(0);
  });

  it('says when the order is gone or not readable', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const gone: DealOrderReply = { ...NOT_LINKED, linked: true, orderError: { code: 'order_not_found', message: 'x' } };
    const noRights: DealOrderReply = { ...NOT_LINKED, linked: true, orderError: { code: 'no_rights', message: 'x' } };
    start(portsFor({ 6: gone, 4: noRights }));
    await settle();
    expect(text('order-error')).toContain('The order was deleted or is not found in Shop-Script.');
    await moveTo(LINKED, '/webasyst/crm/deal/4/history');
    await settle();
    expect(text('order-error')).toContain('You have no rights to Shop-Script orders.');
  });

  it('lists this pair’s pending sync and problems, and retries a problem', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const item = {
      id: 'p1',
      status: 'problem' as const,
      orderId: 1,
      orderNumber: '#1001',
      dealId: 6,
      dealName: 'Order #1001',
      effect: 'Run “Paid” on order #1001',
      reason: 'Deal moved to Paid',
      problem: 'The action needs a form.',
      since: 1,
      attempts: 3,
      orderUrl: null,
      dealUrl: null,
      runInShop: null,
      waitReason: null,
      nextTryAt: null,
      lastError: null,
    };
    const reply = {
      ...orderReply(),
      problems: [item],
      pending: [{ ...item, id: 'q1', status: 'pending' as const, problem: null }],
    };
    const ports = portsFor({ 6: reply });
    start(ports);
    await settle();
    expect(text('sync-problem')).toContain('The action needs a form.');
    expect(text('sync-pending')).toContain('Run “Paid” on order #1001');
    (shadow()!.querySelector('[data-dealbridge="sync-retry"]') as HTMLButtonElement).click();
    await settle();
    expect(ports.retry).toHaveBeenCalledWith('p1');
    expect(ports.loadDealOrder).toHaveBeenCalledTimes(2);
    // The retry is over once the panel read the pair again: its button is back.
    expect((shadow()!.querySelector('[data-dealbridge="sync-retry"]') as HTMLButtonElement).disabled).toBe(false);
  });

  it('nudges the sync when the user changes the stage, not when moving between deals', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const ports = portsFor({ 6: orderReply() });
    start(ports);
    await settle();
    await moveTo(UNLINKED, '/webasyst/crm/deal/1/history');
    await settle();
    expect(ports.nudge).not.toHaveBeenCalled();
    document.querySelector('.deal-header__right span[title]')!.textContent = 'Invoice sent';
    await vi.waitFor(() => expect(ports.nudge).toHaveBeenCalledWith(1), { timeout: 3_000 });
    await settle();
    expect(ports.nudge).toHaveBeenCalledTimes(1);
  });

  it('does not take a header change the user did not make for a stage change', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const ports = portsFor({ 6: orderReply() });
    controller = new AbortController();
    startDealPanel(
      new DealPageDriver(window, { ...timings, userInputWindowMs: 30_000 }),
      ports,
      controller.signal,
      timings,
    );
    await settle();
    document.querySelector('.deal-header__right span[title]')!.textContent = 'Invoice sent';
    await settle();
    expect(ports.nudge).not.toHaveBeenCalled();
  });

  it('speaks Russian with Webasyst’s terms', async () => {
    setLanguage('ru');
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    start(portsFor({ 6: orderReply({ tax: 5, total: 124.48 }) }));
    await settle();
    expect(shadow()!.querySelector('.heading')!.textContent).toBe('Заказ');
    expect(text('order-paid')).toMatch(/^Оплачен /);
    expect(text('order-subtotal')).toMatch(/^Подытог/);
    expect(text('order-discount')).toMatch(/^Скидка/);
    expect(text('order-shipping')).toMatch(/^Доставка/);
    expect(text('order-tax')).toMatch(/^Налог/);
    expect(text('order-total')).toMatch(/^Итого124,48\s\$$/);
  });

  it('a long order shows its first 5 items and a button that expands the list in place', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const replies: Record<number, DealOrderReply> = {
      6: orderReply({ items: manyItems(12) }),
      4: orderReply({ orderId: 4, number: '#1004', items: manyItems(7) }),
    };
    const handle = start(portsFor(replies));
    await settle();
    const root = shadow()!;
    const shown = () =>
      [...root.querySelectorAll<HTMLElement>('[data-dealbridge="order-item"]')]
        .filter((item) => !item.hidden)
        .map((item) => item.querySelector('.name')!.textContent);
    const button = () => root.querySelector<HTMLButtonElement>('[data-dealbridge="show-all-items"]')!;
    expect(shown()).toEqual(['Item 1', 'Item 2', 'Item 3', 'Item 4', 'Item 5']);
    expect(button().tagName).toBe('BUTTON');
    expect(button().textContent).toBe('Show all 12 items');
    expect(button().getAttribute('aria-expanded')).toBe('false');
    expect(root.getElementById(button().getAttribute('aria-controls')!)).toBe(root.querySelector('.items'));

    button().click();
    await settle(10);
    expect(shown()).toHaveLength(12);
    expect(button().getAttribute('aria-expanded')).toBe('true');
    expect(button().textContent).toBe('Show the first 5 only');
    // A refresh with the same order keeps the list as the user left it.
    handle.controller.refresh();
    await settle();
    expect(shown()).toHaveLength(12);
    button().click();
    await settle(10);
    expect(shown()).toHaveLength(5);
    button().click();
    await settle(10);

    // Another deal's order starts collapsed.
    await moveTo(LINKED, '/webasyst/crm/deal/4/history');
    await settle();
    expect(text('order-number')).toBe('#1004');
    expect(shadow()!.querySelectorAll('[data-dealbridge="order-item"]:not([hidden])')).toHaveLength(5);
    expect(text('show-all-items')).toBe('Show all 7 items');
  });

  it('an order of 5 items or fewer has no “show all”', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    start(portsFor({ 6: orderReply({ items: manyItems(5) }) }));
    await settle();
    expect(shadow()!.querySelectorAll('[data-dealbridge="order-item"]:not([hidden])')).toHaveLength(5);
    expect(shadow()!.querySelector('[data-dealbridge="show-all-items"]')).toBeNull();
  });

  it('counts the hidden items with Russian plurals', async () => {
    setLanguage('ru');
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    for (const [count, label] of [
      [7, 'Показать все 7 товаров'],
      [21, 'Показать все 21 товар'],
      [22, 'Показать все 22 товара'],
      [6, 'Показать все 6 товаров'],
    ] as const) {
      controller?.abort();
      start(portsFor({ 6: orderReply({ items: manyItems(count) }) }));
      await settle();
      expect(text('show-all-items')).toBe(label);
    }
    shadow()!.querySelector<HTMLButtonElement>('[data-dealbridge="show-all-items"]')!.click();
    await settle(10);
    expect(text('show-all-items')).toBe('Показать только первые 5');
  });

  it('leaves out zero discount, shipping and tax; subtotal and total always show', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    const ports = portsFor({ 6: orderReply({ discount: 0, shipping: 0, tax: 0, subtotal: 113.98, total: 113.98 }) });
    const handle = start(ports);
    await settle();
    expect([
      text('order-subtotal'),
      text('order-discount'),
      text('order-shipping'),
      text('order-tax'),
      text('order-total'),
    ]).toEqual(['Subtotal$113.98', null, null, null, 'Total$113.98']);
    ports.loadDealOrder.mockResolvedValueOnce(
      orderReply({ discount: 0, shipping: 4.5, tax: 0.001, subtotal: 0, total: 4.5 }),
    );
    handle.controller.refresh();
    await settle();
    expect([
      text('order-subtotal'),
      text('order-discount'),
      text('order-shipping'),
      text('order-tax'),
      text('order-total'),
    ]).toEqual(['Subtotal$0.00', null, 'Shipping$4.50', null, 'Total$4.50']);
  });

  it('removes itself when the content script is invalidated', async () => {
    openPage(LINKED, '/webasyst/crm/deal/6/history');
    start(portsFor({ 6: orderReply() }));
    await settle();
    controller.abort();
    expect(document.querySelectorAll('[data-dealbridge]')).toHaveLength(0);
  });
});
