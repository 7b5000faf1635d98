import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Window } from 'happy-dom';
import { DealPageDriver } from '@/utils/pages/crm/deal-page';
import { watchDealPage } from '@/utils/pages/crm/watch';

const domDir = resolve(__dirname, '../../../../shared/webasyst/dom');
const windows: Window[] = [];

/** A happy-dom window holding one of the real, trimmed CRM pages at its real URL. */
function pageOf(file: string, path: string): Window {
  const win = new Window({ url: `http://127.0.0.1:8080${path}`, settings: { disableJavaScriptEvaluation: true } });
  win.document.write(readFileSync(resolve(domDir, file), 'utf8'));
  windows.push(win);
  return win;
}
const driverOf = (win: Window) => new DealPageDriver(win as unknown as globalThis.Window);

afterEach(async () => {
  while (windows.length) await windows.pop()!.happyDOM.close();
});

describe('DealPageDriver on the real deal pages', () => {
  it('reads the deal id from the SPA route, under any installation path', () => {
    expect(driverOf(pageOf('crm-deal-linked.html', '/webasyst/crm/deal/6/history')).dealId()).toBe(6);
    expect(driverOf(pageOf('crm-deal-linked-order-tab.html', '/webasyst/crm/deal/6/order')).dealId()).toBe(6);
    expect(driverOf(pageOf('crm-deal-unlinked.html', '/shop/webasyst/crm/deal/12/')).dealId()).toBe(12);
    expect(driverOf(pageOf('crm-deal-unlinked.html', '/webasyst/crm/deal/')).dealId()).toBeNull();
    expect(driverOf(pageOf('crm-deal-unlinked.html', '/webasyst/crm/deals/')).dealId()).toBeNull();
    expect(driverOf(pageOf('crm-deal-unlinked.html', '/webasyst/crm/contact/6/')).dealId()).toBeNull();
  });

  it('finds the right sidebar and attaches the host at its top, once', () => {
    const win = pageOf('crm-deal-linked.html', '/webasyst/crm/deal/6/history');
    const driver = driverOf(win);
    const sidebar = driver.sidebar()!;
    expect(sidebar.className).toContain('deal-info-sidebar');
    const host = win.document.createElement('div') as unknown as HTMLElement;
    expect(driver.attach(host)).toBe(true);
    expect(driver.attach(host)).toBe(true);
    expect(sidebar.firstElementChild).toBe(host);
    expect(win.document.querySelectorAll('.deal-info-sidebar > div').length).toBe(3);
  });

  it('re-attaches after Vue re-renders the sidebar content', () => {
    const win = pageOf('crm-deal-linked.html', '/webasyst/crm/deal/6/history');
    const driver = driverOf(win);
    const host = win.document.createElement('div') as unknown as HTMLElement;
    driver.attach(host);
    const sidebar = driver.sidebar()!;
    sidebar.innerHTML = '<div class="col">another deal</div>';
    expect(host.isConnected).toBe(false);
    driver.attach(host);
    expect(sidebar.firstElementChild).toBe(host);
    expect(sidebar.children.length).toBe(2);
  });

  it('falls back to structure when the sidebar class changes', () => {
    const win = pageOf('crm-deal-linked.html', '/webasyst/crm/deal/6/history');
    const original = win.document.querySelector('.deal-info-sidebar')!;
    original.classList.remove('deal-info-sidebar');
    expect(driverOf(win).sidebar()).toBe(original);
  });

  it('waits (no sidebar) while the deal view is not rendered', () => {
    const win = pageOf('crm-deal-linked.html', '/webasyst/crm/deal/6/history');
    win.document.querySelector('#app')!.innerHTML = '';
    const host = win.document.createElement('div') as unknown as HTMLElement;
    expect(driverOf(win).attach(host)).toBe(false);
  });

  it('reads Webasyst’s Order tab hint for the current deal only', () => {
    expect(driverOf(pageOf('crm-deal-linked.html', '/webasyst/crm/deal/6/history')).orderTabShown(6)).toBe(true);
    expect(driverOf(pageOf('crm-deal-unlinked.html', '/webasyst/crm/deal/1/history')).orderTabShown(1)).toBe(false);
    // Right after a move to deal 4 the tabs still belong to deal 6.
    expect(driverOf(pageOf('crm-deal-linked.html', '/webasyst/crm/deal/4/')).orderTabShown(4)).toBeNull();
  });

  it('reads the stage area of the current deal’s header, not of the previous one', () => {
    const win = pageOf('crm-deal-linked.html', '/webasyst/crm/deal/6/history');
    const driver = driverOf(win);
    const before = driver.stageSignature(6);
    expect(before).toContain('Working with objections');
    expect(before).not.toContain('Order #1001');
    expect(driver.stageSignature(4)).toBeNull();
    win.document.querySelector('.deal-header__right span[title]')!.textContent = 'Invoice sent';
    expect(driver.stageSignature(6)).toContain('Invoice sent');
  });

  it('ignores a menu opening inside the header', () => {
    const win = pageOf('crm-deal-unlinked.html', '/webasyst/crm/deal/1/history');
    const driver = driverOf(win);
    const before = driver.stageSignature(1);
    const menu = win.document.createElement('div');
    menu.className = 'dropdown';
    menu.innerHTML = '<ul class="menu"><li>Won</li><li>Lost</li></ul>';
    win.document.querySelector('.deal-header__right')!.append(menu);
    expect(driver.stageSignature(1)).toBe(before);
  });

  it('knows the top frame from a frame', () => {
    const win = pageOf('crm-deal-linked-order-tab.iframe.html', '/webasyst/crm/?module=order&id=1');
    expect(driverOf(win).isTopFrame()).toBe(true);
    const framed = { top: {}, location: win.location, document: win.document } as unknown as globalThis.Window;
    expect(new DealPageDriver(framed).isTopFrame()).toBe(false);
    expect(new DealPageDriver(framed).dealId()).toBeNull();
  });
});

describe('DealPageDriver.start/stop (the page-driver contract the order page shares)', () => {
  it('keeps the host at the top of the deal’s sidebar, pushes the deal shown and revisits, and takes the host off on stop', async () => {
    const win = pageOf('crm-deal-linked.html', '/webasyst/crm/deal/6/history');
    const driver = new DealPageDriver(win as unknown as globalThis.Window, { pollMs: 20, settleMs: 5 });
    const host = win.document.createElement('div') as unknown as HTMLElement;
    const events = { deal: vi.fn(), stageChanged: vi.fn(), revisit: vi.fn() };
    driver.start(host, events);
    expect(events.deal).toHaveBeenCalledWith({ dealId: 6, orderTab: true });
    expect(win.document.querySelector('.deal-info-sidebar')!.firstElementChild).toBe(host);

    // Another page of CRM (not a deal): no deal, no host.
    win.history.pushState(null, '', '/webasyst/crm/contact/2/');
    await new Promise((r) => setTimeout(r, 80));
    expect(events.deal).toHaveBeenLastCalledWith(null);
    expect((host as unknown as Node).isConnected).toBe(false);

    win.dispatchEvent(new win.Event('focus'));
    expect(events.revisit).toHaveBeenCalledTimes(1);

    driver.stop();
    win.history.pushState(null, '', '/webasyst/crm/deal/6/history');
    await new Promise((r) => setTimeout(r, 80));
    expect(events.deal).toHaveBeenCalledTimes(2);
    expect((host as unknown as Node).isConnected).toBe(false);
  });
});

describe('watchDealPage', () => {
  it('reports SPA moves seen by spa:navigateType, popstate, the DOM and the URL poll', async () => {
    const win = pageOf('crm-deal-linked.html', '/webasyst/crm/deal/6/history');
    const onChange = vi.fn();
    const controller = new AbortController();
    watchDealPage(win as unknown as globalThis.Window, onChange, controller.signal, { pollMs: 20, settleMs: 5 });
    const settle = () => new Promise((r) => setTimeout(r, 60));

    win.document.documentElement.dispatchEvent(new win.CustomEvent('spa:navigateType'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);

    win.dispatchEvent(new win.PopStateEvent('popstate'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(2);

    win.document.querySelector('.deal-info-sidebar')!.append(win.document.createElement('p'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(3);

    win.history.replaceState(null, '', '/webasyst/crm/deal/6/order');
    await settle();
    expect(onChange).toHaveBeenCalledTimes(4);

    controller.abort();
    win.history.replaceState(null, '', '/webasyst/crm/deal/6/notes');
    win.document.documentElement.dispatchEvent(new win.CustomEvent('spa:navigateType'));
    await settle();
    expect(onChange).toHaveBeenCalledTimes(4);
  });

  it('coalesces a burst of mutations into one call', async () => {
    const win = pageOf('crm-deal-linked.html', '/webasyst/crm/deal/6/history');
    const onChange = vi.fn();
    const controller = new AbortController();
    watchDealPage(win as unknown as globalThis.Window, onChange, controller.signal, { pollMs: 1000, settleMs: 20 });
    const sidebar = win.document.querySelector('.deal-info-sidebar')!;
    for (let i = 0; i < 10; i++) sidebar.append(win.document.createElement('p'));
    await new Promise((r) => setTimeout(r, 80));
    expect(onChange).toHaveBeenCalledTimes(1);
    controller.abort();
  });
});
