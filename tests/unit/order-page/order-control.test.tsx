// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '@/utils/i18n';
import { UserFacingError } from '@/utils/messaging/router';
import {
  cleanupControls,
  deal,
  key,
  mountControl,
  orderView,
  PICKER,
  syncItem,
  type,
  waitFor,
} from './control-harness';

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> & "Co"';

afterEach(() => {
  setLanguage(null);
  cleanupControls();
});

function linkedContext(d = deal()) {
  return { connected: true, deal: d, pending: [], problems: [] };
}
const unlinkedContext = { connected: true, deal: null, pending: [], problems: [] };

describe('linked order', () => {
  it('shows the deal’s name, stage, status, owner and a link; hostile names stay text', async () => {
    const ui = mountControl();
    ui.router.on('order.context', () => linkedContext(deal({ name: HOSTILE, status: 'WON' })));
    ui.controller.show(orderView({ orderId: 1 }));
    const name = await waitFor(() => ui.$('linked-deal'));
    expect(name.textContent).toBe(HOSTILE);
    expect(ui.root.querySelector('img, script')).toBeNull();
    ui.$('linked-toggle')!.click();
    const details = await waitFor(() => ui.$('linked-details'));
    expect(details.textContent).toContain('Sales');
    expect(details.textContent).toContain('Needs Defining');
    expect(ui.$('deal-status')!.textContent).toBe('Won');
    expect(details.textContent).toContain('Admin Tester');
    expect(ui.$<HTMLAnchorElement>('open-deal')!.getAttribute('href')).toBe('http://shop.test/webasyst/crm/deal/7/');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('never makes a non-web deal URL clickable', async () => {
    const ui = mountControl();
    ui.router.on('order.context', () => linkedContext(deal({ url: 'javascript:alert(1)' })));
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('linked-toggle'))).click();
    expect((await waitFor(() => ui.$('open-deal'))).hasAttribute('href')).toBe(false);
  });

  it('passes the built-in link’s deal as a hint and warns when Webasyst’s own link disagrees', async () => {
    const ui = mountControl();
    const hints: unknown[] = [];
    ui.router.on('order.context', ({ hintDealId }) => {
      hints.push(hintDealId);
      return linkedContext(deal({ id: 7 }));
    });
    ui.controller.show(orderView({ builtin: { kind: 'linked', dealId: 6 } }));
    await waitFor(() => ui.$('linked-deal'));
    expect(hints).toEqual([6]);
    ui.$('linked-toggle')!.click();
    expect((await waitFor(() => ui.$('builtin-mismatch'))).textContent).toContain('#6');
  });

  it('shows no warning when the built-in link agrees', async () => {
    const ui = mountControl();
    ui.router.on('order.context', () => linkedContext(deal({ id: 6 })));
    ui.controller.show(orderView({ builtin: { kind: 'linked', dealId: 6 } }));
    (await waitFor(() => ui.$('linked-toggle'))).click();
    await waitFor(() => ui.$('linked-details'));
    expect(ui.$('builtin-mismatch')).toBeNull();
  });

  it('lists this order’s pending items and problems, and retries a problem', async () => {
    const ui = mountControl();
    const retried: string[] = [];
    let problems = [syncItem()];
    ui.router.on('order.context', () => ({
      ...linkedContext(),
      pending: [syncItem({ id: 'p1', status: 'pending', problem: null })],
      problems,
    }));
    ui.router.on('sync.retry', ({ itemId }) => {
      retried.push(itemId);
      problems = [];
      return { accepted: true };
    });
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('linked-toggle'))).click();
    await waitFor(() => ui.$('sync-problem'));
    expect(ui.$$('sync-pending')).toHaveLength(1);
    expect(ui.$('sync-problem')!.textContent).toContain('Webasyst answered 500.');
    ui.$('sync-retry')!.click();
    await waitFor(() => ui.$('sync-problem') === null);
    expect(retried).toEqual(['item-1']);
  });

  it('a problem a person solves with Shop-Script’s form: its button opens this order’s form in place, another order’s page in this tab', async () => {
    const ui = mountControl();
    const runInShop = {
      actionId: 'pay',
      actionName: 'Paid',
      url: 'http://shop.test/webasyst/shop/?action=orders&dealbridge_run=3%3Apay#/order/3/',
    };
    ui.router.on('order.context', () => ({ ...linkedContext(), pending: [], problems: [syncItem({ runInShop })] }));
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('linked-toggle'))).click();
    const button = await waitFor(() => ui.$('run-in-shop'));
    expect(button.textContent).toBe('Run “Paid” on order #1003');
    expect([button.dataset.orderId, button.dataset.actionId, button.getAttribute('target')]).toEqual([
      '3',
      'pay',
      null,
    ]);

    ui.openActionForm.mockReturnValueOnce(true);
    button.click();
    expect(ui.openActionForm).toHaveBeenCalledWith(3, 'pay');
    expect(ui.navigate).not.toHaveBeenCalled();
    expect(ui.controller.get().open).toBe(false);

    // The page shows no such button (another order, or the block is being rebuilt): go there.
    (await waitFor(() => ui.$('linked-toggle'))).click();
    (await waitFor(() => ui.$('run-in-shop'))).click();
    expect(ui.navigate).toHaveBeenCalledWith(runInShop.url);
  });
});

describe('picker', () => {
  function unlinked() {
    const ui = mountControl();
    const checks: unknown[] = [];
    const confirmed: unknown[] = [];
    ui.router.on('order.context', () => unlinkedContext);
    ui.router.on('order.pickerData', () => PICKER);
    ui.router.on('order.checkLink', (request) => {
      checks.push(request);
      return { ok: true, reason: null, linkedDeal: null };
    });
    ui.router.on('order.linked', ({ dealId }) => {
      confirmed.push(dealId);
      return deal({ id: dealId, name: dealId === 7 ? 'Keyboards for Novak' : `Order #100${3}` });
    });
    return { ...ui, checks, confirmed };
  }

  async function openPicker(ui: ReturnType<typeof unlinked>) {
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('open-picker'))).click();
    await waitFor(() => ui.$('deal-picker') && ui.$$('deal-option').length > 0);
    return ui.$<HTMLInputElement>('deal-search')!;
  }

  it('lists the customer’s deals with funnel, stage, amount and date, and filters them', async () => {
    const ui = unlinked();
    const search = await openPicker(ui);
    const options = ui.$$('deal-option');
    expect(options.map((o) => o.querySelector('.db-option-name')!.textContent)).toEqual([
      'Keyboards for Novak',
      'Office chairs',
    ]);
    expect(options[0].textContent).toContain('Sales');
    expect(options[0].textContent).toContain('Needs Defining');
    expect(options[0].textContent).toContain('$250.00');
    expect(options[0].textContent).toContain('2026');
    type(search, 'wholesale');
    await waitFor(() => ui.$$('deal-option').length === 1);
    expect(ui.$$('deal-option')[0].textContent).toContain('Office chairs');
    type(search, 'nothing like it');
    await waitFor(() => ui.$$('deal-option').length === 0);
    expect(ui.root.textContent).toContain('No deal matches');
  });

  it('works by keyboard alone: focus in the search, arrows, Enter links, and the linked deal shows', async () => {
    const ui = unlinked();
    ui.link.mockResolvedValue({ ok: true, dealId: 9 });
    const search = await openPicker(ui);
    await waitFor(() => ui.root.activeElement === search);
    expect(search.getAttribute('role')).toBe('combobox');
    expect(ui.root.querySelector('[role="listbox"]')).not.toBeNull();
    const activeId = () => search.getAttribute('aria-activedescendant');
    const first = activeId();
    key(search, 'ArrowDown');
    await waitFor(() => activeId() !== first);
    expect(ui.root.getElementById(activeId()!)!.getAttribute('aria-selected')).toBe('true');
    expect(ui.root.getElementById(activeId()!)!.textContent).toContain('Office chairs');
    key(search, 'Enter');
    // A link is for good: first what it links, side by side, with the focus on "Link".
    const confirm = await waitFor(() => ui.$('confirm-link'));
    expect(ui.$('summary-order')!.textContent).toBe('#1003');
    expect(ui.$('summary-deal')!.textContent).toBe('Office chairs');
    expect(ui.link).not.toHaveBeenCalled();
    await waitFor(() => ui.root.activeElement === confirm);
    // Escape goes back to the list; picking again and "Link" (Enter on a button clicks it) links.
    key(confirm, 'Escape');
    await waitFor(() => ui.$('confirm-link') === null && ui.$('deal-search') !== null);
    expect(ui.$('deal-picker')).not.toBeNull();
    const again = ui.$<HTMLInputElement>('deal-search')!;
    key(again, 'ArrowDown');
    await waitFor(
      () =>
        ui.root.getElementById(again.getAttribute('aria-activedescendant')!)?.textContent?.includes('Office chairs') ??
        false,
    );
    key(again, 'Enter');
    (await waitFor(() => ui.$('confirm-link'))).click();
    const name = await waitFor(() => ui.$('linked-deal'));
    expect(ui.checks).toEqual([{ orderId: 3, customerId: 4, dealId: 9 }]);
    expect(ui.link).toHaveBeenCalledWith(3, { kind: 'bind', dealId: 9, funnelId: 2, stageId: 7, ownerId: 1 });
    expect(ui.confirmed).toEqual([9]);
    expect(name.textContent).toBe(`Order #1003`);
  });

  it('Escape closes the panel and gives the focus back to the button', async () => {
    const ui = unlinked();
    const search = await openPicker(ui);
    key(search, 'Escape');
    await waitFor(() => ui.$('deal-picker') === null);
    expect(ui.root.activeElement).toBe(ui.$('open-picker'));
    expect(ui.$('open-picker')!.getAttribute('aria-expanded')).toBe('false');
  });

  it('creates a new deal with the settings’ funnel and stage and the current user as owner', async () => {
    const ui = unlinked();
    ui.link.mockResolvedValue({ ok: true, dealId: 15 });
    await openPicker(ui);
    ui.$('new-deal')!.click();
    const funnel = await waitFor(() => ui.$<HTMLSelectElement>('new-deal-funnel'));
    expect(funnel.value).toBe('2');
    expect(ui.$<HTMLSelectElement>('new-deal-stage')!.value).toBe('7');
    expect(ui.$<HTMLSelectElement>('new-deal-owner')!.value).toBe('1');
    expect(funnel.textContent).toContain('Old (archived)');
    // Another owner, then submit.
    const owner = ui.$<HTMLSelectElement>('new-deal-owner')!;
    owner.value = '6';
    owner.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => ui.$<HTMLSelectElement>('new-deal-owner')!.value === '6');
    ui.$('new-deal-submit')!.click();
    await waitFor(() => ui.$('linked-deal'));
    expect(ui.checks).toEqual([{ orderId: 3, customerId: 4, dealId: null }]);
    expect(ui.link).toHaveBeenCalledWith(3, { kind: 'new', funnelId: 2, stageId: 7, ownerId: 6 });
    expect(ui.confirmed).toEqual([15]);
  });

  it('says so when Webasyst created a new deal instead of binding the chosen one', async () => {
    const ui = unlinked();
    ui.link.mockResolvedValue({ ok: true, dealId: 16 });
    await openPicker(ui);
    ui.$$('deal-option')[0].click();
    (await waitFor(() => ui.$('confirm-link'))).click();
    await waitFor(() => ui.$('linked-deal'));
    expect(ui.root.textContent).toContain('Deal #7 could no longer be linked');
  });
});

describe('failures: each has its own message and loses nothing', () => {
  function setup(context: object = unlinkedContext) {
    const ui = mountControl();
    ui.router.on('order.context', () => context as never);
    ui.router.on('order.pickerData', () => PICKER);
    return ui;
  }

  it('an order without a customer', async () => {
    const ui = setup();
    ui.controller.show(orderView({ customerId: null }));
    (await waitFor(() => ui.$('open-picker'))).click();
    expect((await waitFor(() => ui.$('problem'))).dataset.code).toBe('no_customer');
    expect(ui.$('deal-option')).toBeNull();
  });

  it('a customer without deals', async () => {
    const ui = mountControl();
    ui.router.on('order.context', () => unlinkedContext);
    ui.router.on('order.pickerData', () => ({ ...PICKER, deals: [] }));
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('open-picker'))).click();
    expect((await waitFor(() => ui.$('no-deals'))).textContent).toContain('no open deals');
    expect(ui.$('new-deal')).not.toBeNull();
  });

  it('a deal linked elsewhere in the meantime: message, fresh list', async () => {
    const ui = setup();
    let pickerReads = 0;
    ui.router.on('order.checkLink', () => ({ ok: false, reason: 'deal_linked_elsewhere', linkedDeal: null }));
    ui.controller.show(orderView());
    // Count picker reads through a wrapped handler.
    // biome-ignore lint/complexity/useLiteralKeys: the router's handlers are private; the test removes one on purpose.
    ui.router['handlers'].delete('order.pickerData');
    ui.router.on('order.pickerData', () => {
      pickerReads++;
      return PICKER;
    });
    (await waitFor(() => ui.$('open-picker'))).click();
    (await waitFor(() => ui.$$('deal-option')[0])).click();
    (await waitFor(() => ui.$('confirm-link'))).click();
    expect((await waitFor(() => ui.$('problem'))).dataset.code).toBe('deal_linked_elsewhere');
    expect(ui.$('problem')!.textContent).toContain('linked to another order in the meantime');
    expect(ui.link).not.toHaveBeenCalled();
    await waitFor(() => pickerReads === 2);
  });

  it('the order got linked in the meantime: the deal is shown', async () => {
    const ui = setup();
    ui.router.on('order.checkLink', () => ({
      ok: false,
      reason: 'order_already_linked',
      linkedDeal: deal({ id: 6, name: 'Order #1003' }),
    }));
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('open-picker'))).click();
    (await waitFor(() => ui.$$('deal-option')[0])).click();
    (await waitFor(() => ui.$('confirm-link'))).click();
    expect((await waitFor(() => ui.$('linked-deal'))).textContent).toBe('Order #1003');
    expect(ui.$('problem')!.dataset.code).toBe('order_already_linked');
    expect(ui.link).not.toHaveBeenCalled();
  });

  it.each([
    ['session_expired', 'session has expired'],
    ['forbidden', 'no rights to create or link deals'],
    ['unreachable', 'cannot be reached'],
    ['no_csrf', 'Reload the page'],
  ] as const)('backend endpoint: %s, and the new-deal form keeps its choices', async (failure, text) => {
    const ui = setup();
    ui.router.on('order.checkLink', () => ({ ok: true, reason: null, linkedDeal: null }));
    ui.link.mockResolvedValue({ ok: false, failure, status: null });
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('open-picker'))).click();
    (await waitFor(() => ui.$('new-deal'))).click();
    const owner = await waitFor(() => ui.$<HTMLSelectElement>('new-deal-owner'));
    owner.value = '6';
    owner.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => ui.$<HTMLSelectElement>('new-deal-owner')!.value === '6');
    ui.$('new-deal-submit')!.click();
    const problem = await waitFor(() => ui.$('problem'));
    expect(problem.dataset.code).toBe(failure);
    expect(problem.textContent).toContain(text);
    expect(ui.$<HTMLSelectElement>('new-deal-owner')!.value).toBe('6');
    expect(ui.$<HTMLButtonElement>('new-deal-submit')!.disabled).toBe(false);
  });

  it('the background cannot reach Webasyst when loading the order', async () => {
    const ui = mountControl();
    let calls = 0;
    ui.router.on('order.context', () => {
      calls++;
      if (calls === 1) throw new UserFacingError('network', 'Webasyst did not answer.');
      return linkedContext();
    });
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('open-picker'))).click();
    const problem = await waitFor(() => ui.$('problem'));
    expect(problem.dataset.code).toBe('unreachable');
    (problem.querySelector('button') as HTMLButtonElement).click();
    await waitFor(() => ui.$('linked-deal'));
  });

  it('the link could not be confirmed', async () => {
    const ui = setup();
    ui.router.on('order.checkLink', () => ({ ok: true, reason: null, linkedDeal: null }));
    ui.router.on('order.linked', () => {
      throw new UserFacingError('link_not_confirmed', 'not linked');
    });
    ui.link.mockResolvedValue({ ok: true, dealId: 7 });
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('open-picker'))).click();
    (await waitFor(() => ui.$$('deal-option')[0])).click();
    (await waitFor(() => ui.$('confirm-link'))).click();
    expect((await waitFor(() => ui.$('problem'))).dataset.code).toBe('link_not_confirmed');
  });

  it('not connected', async () => {
    const ui = setup({ connected: false, deal: null, pending: [], problems: [] });
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('open-picker'))).click();
    expect((await waitFor(() => ui.$('problem'))).dataset.code).toBe('not_connected');
  });
});

describe('language and navigation', () => {
  it('speaks Russian with Webasyst’s terms', async () => {
    setLanguage('ru');
    const ui = mountControl();
    ui.router.on('order.context', () => linkedContext());
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('linked-toggle'))).click();
    const details = await waitFor(() => ui.$('linked-details'));
    expect(details.textContent).toContain('Воронка');
    expect(details.textContent).toContain('Этап');
    expect(details.textContent).toContain('Ответственный');
    expect(ui.$('open-deal')!.textContent).toBe('Открыть сделку');
  });

  it('drops a late reply for an order the page has left', async () => {
    const ui = mountControl();
    let release: (() => void) | null = null;
    ui.router.on('order.context', async ({ orderId }) => {
      if (orderId === 3) await new Promise<void>((resolve) => (release = resolve));
      return linkedContext(deal({ id: orderId * 10, name: `Deal of order ${orderId}` }));
    });
    ui.controller.show(orderView({ orderId: 3 }));
    await waitFor(() => release);
    ui.controller.show(orderView({ orderId: 5 }));
    await waitFor(() => ui.$('linked-deal')?.textContent === 'Deal of order 5');
    release!();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ui.$('linked-deal')!.textContent).toBe('Deal of order 5');
  });

  it('an order shown again renders its last deal at once, then takes the fresh reply', async () => {
    const ui = mountControl();
    let name = 'First name';
    let release: (() => void) | null = null;
    ui.router.on('order.context', async ({ orderId }) => {
      if (orderId === 3 && name === 'Renamed') await new Promise<void>((resolve) => (release = resolve));
      return linkedContext(deal({ id: orderId * 10, name: orderId === 3 ? name : 'Other' }));
    });
    ui.controller.show(orderView({ orderId: 3 }));
    await waitFor(() => ui.$('linked-deal')?.textContent === 'First name');
    ui.controller.show(orderView({ orderId: 5 }));
    await waitFor(() => ui.$('linked-deal')?.textContent === 'Other');
    name = 'Renamed';
    ui.controller.show(orderView({ orderId: 3 }));
    // Synchronously, before any reply: the cached deal, not a loading state.
    expect(ui.$('linked-deal')!.textContent).toBe('First name');
    expect(ui.controller.get().context.status).toBe('ready');
    await waitFor(() => release);
    release!();
    await waitFor(() => ui.$('linked-deal')?.textContent === 'Renamed');
  });

  it('nudges the sync after an order action', async () => {
    const ui = mountControl();
    const nudges: unknown[] = [];
    ui.router.on('sync.nudge', (payload) => {
      nudges.push(payload);
      return { accepted: true };
    });
    ui.controller.actionCompleted(3);
    await waitFor(() => nudges.length === 1);
    expect(nudges).toEqual([{ kind: 'order', id: 3 }]);
  });
});
