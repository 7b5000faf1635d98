// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '@/utils/i18n';
import { UserFacingError } from '@/utils/messaging/router';
import { cleanupControls, deal, mountControl, orderView, PICKER, syncItem, waitFor } from './control-harness';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const panelCss = readFileSync(resolve(process.cwd(), 'components/order-control/panel.css'), 'utf8');

/** The order control never shows anything untrue, and says what happened with one thing to do. */
afterEach(() => {
  setLanguage(null);
  cleanupControls();
});

const linked = (d = deal()) => ({ connected: true, deal: d, pending: [], problems: [] });

describe('a deal shown from the last look', () => {
  it('is on screen with the block at once, marked “checking” until the refresh returns, then only what changed', async () => {
    const ui = mountControl();
    let answer: (value: unknown) => void = () => undefined;
    let replies = 0;
    ui.router.on('order.context', ({ orderId }) => {
      replies += 1;
      if (orderId !== 1) return { connected: true, deal: null, pending: [], problems: [] };
      if (replies === 1) return linked(deal({ name: 'Desks', stageName: 'Lead In' }));
      return new Promise((resolve) => (answer = resolve)) as never;
    });
    ui.controller.show(orderView({ orderId: 1 }));
    await waitFor(() => ui.$('linked-toggle')?.dataset.freshness === 'fresh');
    ui.controller.show(orderView({ orderId: 3 }));
    await waitFor(() => ui.$('open-picker'));

    // Back to order 1: shown in the same call, from the last look, as "checking".
    ui.controller.show(orderView({ orderId: 1 }));
    const toggle = ui.$('linked-toggle')!;
    expect(ui.$('linked-deal')!.textContent).toBe('Desks');
    expect(toggle.dataset.freshness).toBe('checking');
    expect(toggle.getAttribute('aria-busy')).toBe('true');
    expect(toggle.getAttribute('title')).toBe('Desks · Lead In · Checking the deal in CRM…');
    answer(linked(deal({ name: 'Desks', stageName: 'Invoice sent' })));
    await waitFor(() => ui.$('linked-toggle')?.dataset.freshness === 'fresh');
    expect(ui.root.querySelector('.db-stage')!.textContent).toBe('Invoice sent');
  });

  it('a refresh that fails leaves it marked as not checked, never as current', async () => {
    const ui = mountControl();
    let calls = 0;
    ui.router.on('order.context', () => {
      calls += 1;
      if (calls === 1) return linked();
      throw new UserFacingError('network', 'Webasyst did not answer.');
    });
    ui.controller.show(orderView());
    await waitFor(() => ui.$('linked-toggle')?.dataset.freshness === 'fresh');
    ui.controller.show(orderView()); // the block rebuilt after an action
    await waitFor(() => ui.$('linked-toggle')?.dataset.freshness === 'unchecked');
    expect(ui.$('linked-toggle')!.getAttribute('title')).toContain('Could not check the deal: as last seen');
  });

  it('a long name is shortened on the button only, whole in its tooltip, accessible name and panel', async () => {
    const name = 'A very long deal name that goes on about forty office chairs and their delivery to the third floor';
    const ui = mountControl();
    ui.router.on('order.context', () =>
      linked(deal({ name, stageName: 'Negotiations with the purchasing department' })),
    );
    ui.controller.show(orderView());
    const toggle = await waitFor(() => ui.$('linked-toggle'));
    expect(toggle.getAttribute('title')).toContain(name);
    expect(toggle.textContent).toContain(name);
    toggle.click();
    const details = await waitFor(() => ui.$('linked-details'));
    expect(details.querySelector('.db-title')!.textContent).toBe(name);
    // The panel's stage badge is not clipped (the panel's sheet lifts the button's limit).
    expect(panelCss).toMatch(/\.db-panel \.db-stage \{[^}]*max-width: none/);
  });
});

describe('failures say what happened and offer one remedy', () => {
  it.each([
    ['server', 'Could not read this order’s deal. Webasyst answered with a server error.', 'try-again'],
    ['malformed', 'Could not read this order’s deal. Webasyst’s answer could not be read.', 'try-again'],
    ['network', 'Could not read this order’s deal. Webasyst did not answer.', 'try-again'],
    [
      'auth',
      'Could not read this order’s deal. Dealbridge’s access to Webasyst was revoked: connect it again.',
      'open-settings',
    ],
    [
      'session_expired',
      'Could not read this order’s deal. Your Webasyst session has expired: reload this page to sign in again.',
      null,
    ],
    [
      'permission',
      'Could not read this order’s deal. Your Webasyst access does not reach CRM or Shop-Script here: ask your Webasyst administrator.',
      null,
    ],
  ] as const)('%s', async (code, text, remedy) => {
    const ui = mountControl();
    ui.router.on('order.context', () => {
      throw new UserFacingError(code, 'from the background');
    });
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('open-picker'))).click();
    const problem = await waitFor(() => ui.$('problem'));
    expect(problem.querySelector('p')!.textContent).toBe(text);
    expect(problem.textContent).not.toMatch(/link the deal/);
    const buttons = Array.from(problem.querySelectorAll<HTMLElement>('button')).map((b) => b.dataset.dealbridge);
    expect(buttons).toEqual(remedy ? [remedy] : []);
  });
});

describe('before Dealbridge is connected', () => {
  it('a quiet “Connect Dealbridge” opens Dealbridge’s settings', async () => {
    const ui = mountControl();
    const opened: unknown[] = [];
    ui.router.on('order.context', () => ({ connected: false, deal: null, pending: [], problems: [] }));
    ui.router.on('options.open', (payload) => {
      opened.push(payload);
      return { opened: true };
    });
    ui.controller.show(orderView());
    const hint = await waitFor(() => ui.$('connect-hint'));
    expect(hint.textContent).toBe('Connect Dealbridge');
    expect(ui.$('open-picker')).toBeNull();
    hint.click();
    await waitFor(() => opened.length === 1);
    setLanguage('ru');
    ui.controller.show(orderView({ orderId: 4 }));
    await waitFor(() => ui.$('connect-hint')?.textContent === 'Подключить Dealbridge');
  });
});

describe('the panel', () => {
  it('a problem can be dismissed on the order page, as in the popup', async () => {
    const ui = mountControl();
    let problems = [syncItem()];
    const dismissed: string[] = [];
    ui.router.on('order.context', () => ({ ...linked(), problems }));
    ui.router.on('sync.dismiss', ({ itemId }) => {
      dismissed.push(itemId);
      problems = [];
      return { accepted: true };
    });
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('linked-toggle'))).click();
    (await waitFor(() => ui.$('sync-dismiss'))).click();
    await waitFor(() => ui.$('sync-problem') === null);
    expect(dismissed).toEqual(['item-1']);
  });

  it('“New deal” says what Webasyst will call the deal; the picker says how many deals there are', async () => {
    const ui = mountControl();
    const many = Array.from({ length: 6 }, (_, i) => deal({ id: 20 + i, name: `Deal ${i}` }));
    ui.router.on('order.context', () => ({ connected: true, deal: null, pending: [], problems: [] }));
    ui.router.on('order.pickerData', () => ({ ...PICKER, deals: many }));
    ui.controller.show(orderView());
    (await waitFor(() => ui.$('open-picker'))).click();
    expect((await waitFor(() => ui.$('deal-count'))).textContent).toBe('6 deals');
    ui.$('new-deal')!.click();
    expect((await waitFor(() => ui.$('new-deal-name'))).textContent).toBe('Webasyst will name the deal “Order #1003”.');
  });
});
