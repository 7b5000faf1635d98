// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createOrderPageDriver, detectShopUi } from '@/utils/pages/shop/detect';
import { openOnArrival } from '@/utils/pages/shop/run-marker';
import { replaceCreateDealLink } from '@/utils/pages/shop/builtin-link';
import type { OrderPageDriver, OrderView } from '@/utils/pages/shop/types';
import { fixtureHtml, flushMutations, loadFixture, orderBlockFrom, type FixtureName } from './dom-fixtures';

const CONTROL = '[data-dealbridge="order-control"]';

function startOn(name: FixtureName, hash = '') {
  const doc = loadFixture(name, hash);
  const driver = createOrderPageDriver(doc) as OrderPageDriver;
  expect(driver).not.toBeNull();
  const host = doc.createElement('div');
  const orders: OrderView[] = [];
  const actions: Array<[number, string]> = [];
  driver.start(host, {
    order: (view) => orders.push(view),
    actionCompleted: (id, action) => actions.push([id, action]),
  });
  return { doc, driver, host, orders, actions };
}

/** Replaces the order block the way Shop-Script does: old one out, a window without any, new one in. */
async function rebuild(doc: Document, next: Element) {
  const block = doc.getElementById('s-order-block')!;
  const parent = block.parentElement!;
  block.remove();
  await flushMutations();
  expect(doc.getElementById('s-order-block')).toBeNull();
  parent.append(next);
}

describe('UI detection', () => {
  it.each([
    ['unlinked20', '2.0'],
    ['linked20', '2.0'],
    ['split20', '2.0'],
    ['unlinked13', '1.3'],
    ['linked13', '1.3'],
    ['split13', '1.3'],
  ] as const)('%s is UI %s', (name, ui) => {
    expect(detectShopUi(loadFixture(name))).toBe(ui);
  });

  it('takes neither CRM page (nor the Order tab iframe) for a Shop page', () => {
    expect(detectShopUi(loadFixture('crmOrderTabIframe'))).toBeNull();
    expect(createOrderPageDriver(loadFixture('crmOrderTabIframe'))).toBeNull();
  });
});

describe('reading the order', () => {
  it.each([
    [
      'unlinked20',
      { ui: '2.0', orderId: 3, customerId: 4, stateId: 'paid', layout: 'full', builtin: { kind: 'unlinked' } },
    ],
    [
      'linked20',
      {
        ui: '2.0',
        orderId: 1,
        customerId: 2,
        stateId: 'processing',
        layout: 'full',
        builtin: { kind: 'linked', dealId: 6 },
      },
    ],
    [
      'split20',
      {
        ui: '2.0',
        orderId: 1,
        customerId: 2,
        stateId: 'processing',
        layout: 'split',
        builtin: { kind: 'linked', dealId: 6 },
      },
    ],
    [
      'unlinked13',
      { ui: '1.3', orderId: 3, customerId: 4, stateId: null, layout: 'full', builtin: { kind: 'unlinked' } },
    ],
    [
      'linked13',
      { ui: '1.3', orderId: 1, customerId: 2, stateId: null, layout: 'full', builtin: { kind: 'linked', dealId: 6 } },
    ],
    [
      'split13',
      { ui: '1.3', orderId: 1, customerId: 2, stateId: null, layout: 'split', builtin: { kind: 'linked', dealId: 6 } },
    ],
  ] as const)('%s', (name, expected) => {
    const driver = createOrderPageDriver(loadFixture(name))!;
    expect(driver.read()).toEqual(expected);
  });

  it('reads no order from a CRM deal page even when told it is UI 2.0', async () => {
    const { Ui20OrderPageDriver } = await import('@/utils/pages/shop/ui20');
    expect(new Ui20OrderPageDriver(loadFixture('crmOrderTabIframe')).read()).toBeNull();
    expect(new Ui20OrderPageDriver(loadFixture('crmDealLinked')).read()).toBeNull();
  });

  it('reports an order without a customer as customerId null', () => {
    const doc = loadFixture('unlinked20');
    doc.querySelector('.s-order-customer')!.remove();
    expect(createOrderPageDriver(doc)!.read()?.customerId).toBeNull();
  });

  it('falls back to the printable-version link for the order id', () => {
    const doc = loadFixture('linked13');
    doc.querySelector('#s-order-title a.read-mode')!.remove();
    expect(createOrderPageDriver(doc)!.read()?.orderId).toBe(1);
  });

  it('reports a missing built-in CRM link as absent', () => {
    const doc = loadFixture('linked20');
    doc.querySelector('a.js-crm-link')!.closest('li')!.remove();
    expect(createOrderPageDriver(doc)!.read()?.builtin).toEqual({ kind: 'absent' });
  });

  it('ignores the split view’s loading skeleton (its .s-order-aux is outside the block)', () => {
    const doc = loadFixture('split20');
    expect(doc.querySelector('.s-order-aux')!.closest('#s-order-block')).toBeNull();
    expect(createOrderPageDriver(doc)!.read()?.builtin).toEqual({ kind: 'linked', dealId: 6 });
  });
});

describe.each(['20', '13'] as const)('following the page (UI %s)', (ui) => {
  const full = `unlinked${ui}` as FixtureName;
  const other = `linked${ui}` as FixtureName;
  const split = `split${ui}` as FixtureName;

  it('puts the control among the order’s action buttons, once', () => {
    const { doc, host, orders } = startOn(full, '#/order/3/');
    expect(doc.querySelectorAll(CONTROL)).toHaveLength(1);
    const row = host.closest('ul.s-order-actions')!;
    expect(row).not.toBeNull();
    expect(row.closest('#s-order-block')).not.toBeNull();
    expect(host.parentElement!.tagName).toBe('LI');
    expect(orders.map((o) => o.orderId)).toEqual([3]);
  });

  it('moves with hash navigation to another order, synchronously with the new block', async () => {
    const { doc, host, orders } = startOn(full, '#/order/3/');
    window.location.hash = '#/order/1/';
    await rebuild(doc, orderBlockFrom(other));
    // The observer callback runs as a microtask, before any paint.
    await Promise.resolve();
    expect(host.isConnected).toBe(true);
    expect(doc.querySelectorAll(CONTROL)).toHaveLength(1);
    expect(host.closest('#s-order-block')).toBe(doc.getElementById('s-order-block'));
    expect(orders.map((o) => o.orderId)).toEqual([3, 1]);
    expect(orders[1].builtin).toEqual({ kind: 'linked', dealId: 6 });
  });

  it('does not read the block again for its own control moving in', async () => {
    const { doc } = startOn(full, '#/order/3/');
    const next = orderBlockFrom(other);
    const reads = vi.spyOn(next, 'querySelectorAll');
    await rebuild(doc, next);
    await flushMutations();
    await flushMutations();
    // One reading of the new block; the mutation our own slot makes in its row is not another.
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('comes back exactly once after an action rebuilds the block, and reports the action', async () => {
    const { doc, host, orders, actions } = startOn(other, '#/order/1/');
    const button = doc.querySelector<HTMLElement>('#s-order-block a.wf-action[data-action-id]')!;
    const actionId = button.getAttribute('data-action-id')!;
    button.click();
    expect(actions).toEqual([]);
    await rebuild(doc, orderBlockFrom(other));
    await flushMutations();
    expect(host.isConnected).toBe(true);
    expect(doc.querySelectorAll(CONTROL)).toHaveLength(1);
    expect(actions).toEqual([[1, actionId]]);
    expect(orders.map((o) => o.orderId)).toEqual([1, 1]);
    // A later rebuild without a click is not an action.
    await rebuild(doc, orderBlockFrom(other));
    await flushMutations();
    expect(actions).toHaveLength(1);
  });

  it('does not report an action when the user moved to another order instead', async () => {
    const { doc, actions } = startOn(other, '#/order/1/');
    doc.querySelector<HTMLElement>('#s-order-block a.wf-action[data-action-id]')!.click();
    await rebuild(doc, orderBlockFrom(full));
    await flushMutations();
    expect(actions).toEqual([]);
  });

  it('works in the split view and switches orders there', async () => {
    const { doc, host, orders } = startOn(split, '#/orders/id=1/');
    expect(orders[0]).toMatchObject({ orderId: 1, layout: 'split' });
    expect(host.closest('#s-order')).not.toBeNull();
    const next = orderBlockFrom(full);
    await rebuild(doc, next);
    await flushMutations();
    expect(orders.map((o) => [o.orderId, o.layout])).toEqual([
      [1, 'split'],
      [3, 'split'],
    ]);
    expect(doc.querySelectorAll(CONTROL)).toHaveLength(1);
    expect(host.closest('#s-order-block')).toBe(next);
  });

  it('notices the built-in link changing in place (linked with Webasyst’s own dialog)', async () => {
    const { doc, orders } = startOn(full, '#/order/3/');
    const link = doc.querySelector('#s-order-block a.js-crm-link')!;
    link.classList.remove('js-crm-create-deal');
    link.setAttribute('href', '/webasyst/crm/deal/9/');
    link.append(doc.createElement('span'));
    await flushMutations();
    expect(orders.map((o) => o.builtin)).toEqual([{ kind: 'unlinked' }, { kind: 'linked', dealId: 9 }]);
  });

  it('stops cleanly and lets a newer instance take over without duplicates', async () => {
    const first = startOn(full, '#/order/3/');
    const doc = first.doc;
    const second = createOrderPageDriver(doc)!;
    const host2 = doc.createElement('div');
    const secondOrders: number[] = [];
    second.start(host2, { order: (v) => secondOrders.push(v.orderId), actionCompleted: () => {} });
    expect(doc.querySelectorAll(CONTROL)).toHaveLength(1);
    expect(host2.isConnected).toBe(true);
    expect(first.host.isConnected).toBe(false);
    await rebuild(doc, orderBlockFrom(other));
    await flushMutations();
    expect(doc.querySelectorAll(CONTROL)).toHaveLength(1);
    expect(first.orders.map((o) => o.orderId)).toEqual([3]);
    expect(secondOrders).toEqual([3, 1]);
    second.stop();
    expect(doc.querySelectorAll(CONTROL)).toHaveLength(0);
  });
});

describe('robustness', () => {
  it('waits for the content area when the script starts before it exists', async () => {
    const doc = loadFixture('unlinked20');
    const content = doc.getElementById('s-content')!;
    const parent = content.parentElement!;
    content.remove();
    const driver = createOrderPageDriver(doc)!;
    const host = doc.createElement('div');
    const order = vi.fn();
    driver.start(host, { order, actionCompleted: () => {} });
    expect(order).not.toHaveBeenCalled();
    parent.append(content);
    await flushMutations();
    expect(order).toHaveBeenCalledTimes(1);
    expect(host.isConnected).toBe(true);
  });
});

describe('opening an action’s own form (the real pages of both UIs)', () => {
  /** Which action buttons were pressed: a click on `a.wf-action` is what opens Shop-Script's form. */
  function pressed(doc: Document): string[] {
    const ids: string[] = [];
    doc.addEventListener('click', (event) => {
      const id = (event.target as Element).closest?.('[data-action-id]')?.getAttribute('data-action-id');
      if (id) ids.push(id);
      event.preventDefault();
    });
    return ids;
  }

  it.each([
    ['unlinked20', 3, 'ship'],
    ['unlinked13', 3, 'ship'],
    ['split20', 1, 'pay'],
    ['split13', 1, 'pay'],
  ] as const)('%s: the marker’s order is shown first → its button is pressed once', (name, orderId, actionId) => {
    const doc = loadFixture(name);
    const clicks = pressed(doc);
    const driver = createOrderPageDriver(doc)!;
    driver.start(doc.createElement('div'), {
      order: openOnArrival(
        { orderId, actionId },
        (o, a) => driver.openActionForm(o, a),
        () => undefined,
      ),
      actionCompleted: () => undefined,
    });
    expect(clicks).toEqual([actionId]);
    driver.stop();
  });

  it('a marker for another order, or for an action the order does not offer, presses nothing', () => {
    const doc = loadFixture('unlinked20');
    const clicks = pressed(doc);
    const driver = createOrderPageDriver(doc)!;
    driver.start(doc.createElement('div'), {
      order: openOnArrival(
        { orderId: 99, actionId: 'ship' },
        (o, a) => driver.openActionForm(o, a),
        () => undefined,
      ),
      actionCompleted: () => undefined,
    });
    expect(clicks).toEqual([]);
    expect(driver.openActionForm(3, 'pay')).toBe(false);
    expect(driver.openActionForm(1, 'ship')).toBe(false);
    expect(driver.openActionForm(3, 'ship')).toBe(true);
    expect(clicks).toEqual(['ship']);
    driver.stop();
  });

  it('the marker is one shot: a rebuilt block of the same order is not pressed again', async () => {
    const doc = loadFixture('unlinked20');
    const clicks = pressed(doc);
    const driver = createOrderPageDriver(doc)!;
    driver.start(doc.createElement('div'), {
      order: openOnArrival(
        { orderId: 3, actionId: 'ship' },
        (o, a) => driver.openActionForm(o, a),
        () => undefined,
      ),
      actionCompleted: () => undefined,
    });
    await rebuild(doc, orderBlockFrom('unlinked20'));
    await flushMutations();
    expect(clicks).toEqual(['ship']);
    driver.stop();
  });
});

describe('Webasyst’s own CRM link after Dealbridge links the order', () => {
  it.each([
    ['unlinked20', 'linked20'],
    ['unlinked13', 'linked13'],
  ] as const)('%s: “Create deal in CRM” becomes the “CRM deal” link, shaped as in %s', (name, linkedName) => {
    const doc = loadFixture(name);
    const driver = createOrderPageDriver(doc)!;
    const owner = '<img src=x onerror="window.__xss=1"> Olga';
    expect(driver.createDealLink(1)).toBeNull(); // not the shown order
    replaceCreateDealLink(driver.createDealLink(3)!, driver.ui, {
      url: 'http://shop.test/webasyst/crm/deal/9/',
      ownerName: owner,
    });
    expect(driver.read()!.builtin).toEqual({ kind: 'linked', dealId: 9 });
    const link = doc.querySelector<HTMLAnchorElement>('#s-order-block a.js-crm-link')!;
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).toBe(`CRM deal Owner: ${owner}`);
    expect(link.querySelector('img')).toBeNull();
    // The same classes and nesting as Webasyst renders for a linked order.
    const real = new DOMParser()
      .parseFromString(fixtureHtml(linkedName), 'text/html')
      .querySelector('#s-order-block a.js-crm-link')!;
    const shape = (a: Element) => [
      a.className,
      ...Array.from(a.querySelectorAll('*')).map((e) => `${e.tagName}.${e.className}`),
    ];
    expect(shape(link)).toEqual(shape(real));
    expect(driver.createDealLink(3)).toBeNull(); // nothing left to change
  });

  it('speaks the backend’s language', () => {
    const doc = loadFixture('unlinked20');
    const create = doc.querySelector('#s-order-block a.js-crm-create-deal span')!;
    create.textContent = 'Создать сделку в CRM';
    const driver = createOrderPageDriver(doc)!;
    replaceCreateDealLink(driver.createDealLink(3)!, driver.ui, {
      url: 'http://shop.test/webasyst/crm/deal/9/',
      ownerName: 'Ольга',
    });
    expect(doc.querySelector('#s-order-block a.js-crm-link')!.textContent!.replace(/\s+/g, ' ').trim()).toBe(
      'Сделка CRM Ответственный: Ольга',
    );
  });
});
