// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadInjectedPanel } from '@/components/order-control/panel-loader';
import { SPINNER_DELAY_MS } from '@/components/order-control/mount';
import { PANEL_GLOBAL, type PanelModule } from '@/components/order-control/panel-handoff';
import { cleanupControls, importPanel, mountControl, orderView, PICKER, waitFor } from './control-harness';

/**
 * The panel is a second script, loaded on the control's first open: the button works
 * without it, it is fetched once, and a failed load says so and is tried again on reopen.
 */
afterEach(() => {
  cleanupControls();
  delete (globalThis as Record<string, unknown>)[PANEL_GLOBAL];
});

const unlinked = { connected: true, deal: null, pending: [], problems: [] };

describe('the panel’s script on the order page', () => {
  it('is not loaded until the first open, then once, however often the panel opens', async () => {
    const loadPanel = vi.fn(importPanel);
    const ui = mountControl(loadPanel);
    ui.router.on('order.context', () => unlinked);
    ui.router.on('order.pickerData', () => PICKER);
    ui.controller.show(orderView());
    const toggle = await waitFor(() => ui.$('open-picker'));
    expect(loadPanel).not.toHaveBeenCalled();
    toggle.click();
    await waitFor(() => ui.$$('deal-option').length > 0);
    toggle.click();
    await waitFor(() => ui.$('deal-picker') === null);
    toggle.click();
    await waitFor(() => ui.$$('deal-option').length > 0);
    expect(loadPanel).toHaveBeenCalledTimes(1);
  });

  it('shows the button busy while the script loads', async () => {
    let release: (module: PanelModule) => void = () => undefined;
    const ui = mountControl(() => new Promise((resolve) => (release = resolve)));
    ui.router.on('order.context', () => unlinked);
    ui.router.on('order.pickerData', () => PICKER);
    ui.controller.show(orderView());
    const toggle = await waitFor(() => ui.$('open-picker'));
    await waitFor(() => toggle.getAttribute('aria-busy') === 'false');
    toggle.click();
    expect(toggle.getAttribute('aria-busy')).toBe('true');
    release(await importPanel());
    await waitFor(() => ui.$$('deal-option').length > 0);
    expect(toggle.getAttribute('aria-busy')).toBe('false');
  });

  it('shows a spinner only for a wait that lasts: a quick answer shows none, a slow one shows it until it comes', async () => {
    const spinner = (ui: ReturnType<typeof mountControl>) => ui.root.querySelector('.db-spinner');
    let release: () => void = () => undefined;
    const ui = mountControl();
    let slow = false;
    const spinnerSeen: boolean[] = [];
    ui.router.on('order.context', async () => {
      if (slow) await new Promise<void>((resolve) => (release = resolve));
      return unlinked;
    });
    ui.controller.subscribe(() => spinnerSeen.push(spinner(ui) !== null));
    ui.controller.show(orderView());
    const toggle = await waitFor(() => ui.$('open-picker'));
    await waitFor(() => toggle.getAttribute('aria-busy') === 'false');
    await new Promise((resolve) => setTimeout(resolve, SPINNER_DELAY_MS + 50));
    expect(spinner(ui)).toBeNull();
    expect(spinnerSeen).not.toContain(true);

    slow = true;
    ui.controller.reload();
    expect(toggle.getAttribute('aria-busy')).toBe('true');
    expect(spinner(ui)).toBeNull();
    await waitFor(() => spinner(ui) !== null, SPINNER_DELAY_MS * 4);
    release();
    await waitFor(() => toggle.getAttribute('aria-busy') === 'false');
    expect(spinner(ui)).toBeNull();
  });

  it('says to reload the page when the script cannot be loaded, and tries again on the next open', async () => {
    const loadPanel = vi
      .fn<() => Promise<PanelModule>>()
      .mockRejectedValueOnce(new Error('gone'))
      .mockImplementation(importPanel);
    const ui = mountControl(loadPanel);
    ui.router.on('order.context', () => unlinked);
    ui.router.on('order.pickerData', () => PICKER);
    ui.controller.show(orderView());
    const toggle = await waitFor(() => ui.$('open-picker'));
    toggle.click();
    const problem = await waitFor(() => ui.$('problem'));
    expect(problem.dataset.code).toBe('extension_unavailable');
    expect(problem.textContent).toContain('Reload this page');
    toggle.click();
    await waitFor(() => ui.$('problem') === null);
    toggle.click();
    await waitFor(() => ui.$$('deal-option').length > 0);
    expect(loadPanel).toHaveBeenCalledTimes(2);
  });
});

describe('loadInjectedPanel', () => {
  it('asks the background to inject the script, then takes what it left', async () => {
    const module = await importPanel();
    const seen: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      seen.push(message);
      (globalThis as Record<string, unknown>)[PANEL_GLOBAL] = module;
      return Promise.resolve({ ok: true, data: { loaded: true } });
    });
    expect(await loadInjectedPanel()).toBe(module);
    expect(await loadInjectedPanel()).toBe(module);
    expect(seen).toEqual([{ dealbridge: 1, type: 'order.loadPanel', payload: {} }]);
  });

  it('fails when the background answered but nothing was left', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ ok: true, data: { loaded: true } }));
    await expect(loadInjectedPanel()).rejects.toThrow(/did not load/);
  });

  it('fails with the background’s reason when it could not inject', async () => {
    fakeBrowser.runtime.onMessage.addListener(() =>
      Promise.resolve({ ok: false, error: { code: 'internal', message: 'No.' } }),
    );
    await expect(loadInjectedPanel()).rejects.toMatchObject({ code: 'internal' });
  });
});
