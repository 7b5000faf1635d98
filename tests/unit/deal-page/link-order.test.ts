import { describe, expect, it, vi } from 'vitest';
import { DealPanelController, type OrderChoices, type PanelPorts } from '@/components/deal-panel/controller';
import { linkChosen, loadChoices, type LinkOrderPorts } from '@/components/deal-panel/link-order';
import type { DealOrderReply } from '@/components/deal-panel/view';

/** The deal panel's link flow on its own: the controller's state, fake messages and endpoint. */
const choices: OrderChoices = {
  deal: { id: 1, name: 'Office chairs for Smith & Co', funnelId: 1, stageId: 2 },
  customer: { id: 2, name: 'John Smith' },
  linkedOrderId: null,
  newOrderUrl: 'http://shop.test/webasyst/shop/?action=orders#/orders/new/customer_id=2',
  orders: [
    {
      orderId: 9,
      number: '#1009',
      createdAt: '2026-12-01 17:45:00',
      state: { id: 'auth', name: 'Payment is authorized', color: null },
      total: 39.5,
      currency: 'USD',
      itemsCount: 1,
    },
    {
      orderId: 5,
      number: '#1005',
      createdAt: '2026-12-01 16:06:00',
      state: { id: 'completed', name: 'Completed', color: '#800080' },
      total: 29.97,
      currency: 'USD',
      itemsCount: 1,
    },
  ],
};
const unlinked: DealOrderReply = {
  linked: false,
  customer: choices.customer,
  order: null,
  orderError: null,
  pending: [],
  problems: [],
};

function setup(
  replies: Record<string, unknown> = {},
  link = vi.fn<LinkOrderPorts['link']>(async () => ({ ok: true, dealId: 1 })),
) {
  const panelPorts: PanelPorts = {
    loadDealOrder: vi.fn(async () => unlinked),
    loadMore: vi.fn(),
    retry: vi.fn(),
    nudge: vi.fn(),
  };
  const controller = new DealPanelController(panelPorts);
  const calls: Array<[string, unknown]> = [];
  const request = vi.fn(async (type: string, payload: unknown) => {
    calls.push([type, payload]);
    const reply =
      replies[type] ??
      {
        'deal.orderChoices': choices,
        'order.checkLink': { ok: true, reason: null, linkedDeal: null },
        'order.linked': {},
      }[type];
    if (reply instanceof Error) throw reply;
    return typeof reply === 'function' ? reply() : reply;
  }) as unknown as LinkOrderPorts['request'];
  const ports: LinkOrderPorts = { request, link };
  return { controller, ports, calls, link, panelPorts };
}

async function opened(s: ReturnType<typeof setup>) {
  s.controller.show({ dealId: 1, orderTab: false });
  await vi.waitFor(() => expect(s.controller.get().view.kind).toBe('unlinked'));
  s.controller.openPicker(true);
  await loadChoices(s.controller, s.ports);
}

function pick(s: ReturnType<typeof setup>, orderId: number) {
  const link = s.controller.get().link;
  if (link.status !== 'ready') throw new Error(`picker is ${link.status}`);
  s.controller.setLink({ ...link, chosen: orderId });
}

describe('link an order from the deal page', () => {
  it('reads the client’s free orders, then links the chosen one the order page’s way and shows it', async () => {
    const s = setup();
    await opened(s);
    expect(s.controller.get().link).toMatchObject({ status: 'ready', chosen: null, problem: null });
    pick(s, 9);
    await linkChosen(s.controller, s.ports);
    expect(s.calls.map(([type]) => type)).toEqual(['deal.orderChoices', 'order.checkLink', 'order.linked']);
    expect(s.calls[1][1]).toEqual({ orderId: 9, customerId: 2, dealId: 1 });
    // Binding: the deal's own funnel and stage, no owner (the endpoint ignores them for a bind).
    expect(s.link).toHaveBeenCalledWith(9, { kind: 'bind', dealId: 1, funnelId: 1, stageId: 2, ownerId: null });
    expect(s.calls[2][1]).toEqual({ orderId: 9, dealId: 1 });
    // The panel reads the deal again at once (to show the order).
    expect(s.panelPorts.loadDealOrder).toHaveBeenCalledTimes(2);
  });

  it('a refresh of the panel while linking does not lose the link’s outcome', async () => {
    const s = setup();
    await opened(s);
    pick(s, 9);
    const linking = linkChosen(s.controller, s.ports);
    s.controller.refresh(); // the background's "may have changed" push, mid-link
    await linking;
    expect(s.link).toHaveBeenCalledTimes(1);
    expect(s.calls.map(([type]) => type)).toContain('order.linked');
    expect(s.panelPorts.loadDealOrder).toHaveBeenCalledTimes(3);
  });

  it('links nothing without a pick, and nothing twice while a link is under way', async () => {
    const s = setup();
    await opened(s);
    await linkChosen(s.controller, s.ports);
    expect(s.link).not.toHaveBeenCalled();
    pick(s, 5);
    const first = linkChosen(s.controller, s.ports);
    await linkChosen(s.controller, s.ports);
    await first;
    expect(s.link).toHaveBeenCalledTimes(1);
  });

  it('an order linked elsewhere meanwhile: refused with its number and the other deal, nothing written, listed afresh', async () => {
    let reads = 0;
    const s = setup({
      'order.checkLink': { ok: false, reason: 'order_already_linked', linkedDeal: { name: '<b>Other</b> deal' } },
      'deal.orderChoices': () => (++reads === 1 ? choices : { ...choices, orders: choices.orders.slice(1) }),
    });
    await opened(s);
    pick(s, 9);
    await linkChosen(s.controller, s.ports);
    await vi.waitFor(() => expect(reads).toBe(2));
    expect(s.link).not.toHaveBeenCalled();
    const link = s.controller.get().link;
    expect(link).toMatchObject({
      status: 'ready',
      chosen: null,
      problem: { code: 'order_already_linked', orderNumber: '#1009', dealName: '<b>Other</b> deal' },
    });
    expect(link.status === 'ready' && link.choices.orders.map((o) => o.orderId)).toEqual([5]);
  });

  it('this deal got an order meanwhile: the panel shows it instead of linking', async () => {
    const s = setup({ 'order.checkLink': { ok: false, reason: 'deal_linked_elsewhere', linkedDeal: null } });
    await opened(s);
    pick(s, 9);
    await linkChosen(s.controller, s.ports);
    expect(s.link).not.toHaveBeenCalled();
    expect(s.panelPorts.loadDealOrder).toHaveBeenCalledTimes(2);
  });

  it('Webasyst made a new deal instead of binding this one: says so, this deal stays unlinked', async () => {
    const s = setup(
      {},
      vi.fn<LinkOrderPorts['link']>(async () => ({ ok: true, dealId: 44 })),
    );
    await opened(s);
    pick(s, 9);
    await linkChosen(s.controller, s.ports);
    await vi.waitFor(() =>
      expect(s.controller.get().link).toMatchObject({ problem: { code: 'created_instead', orderNumber: '#1009' } }),
    );
    expect(s.calls.find(([type]) => type === 'order.linked')?.[1]).toEqual({ orderId: 9, dealId: 44 });
  });

  it('the endpoint’s failure stays on screen, with the list to try again', async () => {
    const s = setup(
      {},
      vi.fn<LinkOrderPorts['link']>(async () => ({ ok: false, failure: 'session_expired', status: 200 })),
    );
    await opened(s);
    pick(s, 9);
    await linkChosen(s.controller, s.ports);
    expect(s.controller.get().link).toMatchObject({
      status: 'ready',
      chosen: null,
      busy: false,
      problem: { code: 'session_expired' },
    });
  });

  it('a deal that got an order before the list was read shows that order', async () => {
    const s = setup({ 'deal.orderChoices': { ...choices, linkedOrderId: 9 } });
    await opened(s);
    expect(s.panelPorts.loadDealOrder).toHaveBeenCalledTimes(2);
  });

  it('a failed read says why', async () => {
    const s = setup({ 'deal.orderChoices': Object.assign(new Error('down'), { code: 'unreachable' }) });
    await opened(s);
    expect(s.controller.get().link).toMatchObject({ status: 'error', problem: { code: 'other' } });
  });
});
