import { testServices } from './test-services';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import feature, { DEAL_PANEL_MORE_SCRIPT, ORDER_PANEL_SCRIPT } from '@/utils/background/features/injected-scripts';
import { MessageRouter } from '@/utils/messaging/router';

const orderPage = { trusted: false, tabId: 7, url: 'http://127.0.0.1:8080/webasyst/shop/?action=orders#/order/3/' };
const loadPanel = { dealbridge: 1, type: 'order.loadPanel', payload: {} };

afterEach(() => {
  vi.restoreAllMocks();
});

function started() {
  const router = new MessageRouter();
  feature.start(testServices(router).services);
  const injected: unknown[] = [];
  (fakeBrowser as unknown as { scripting: object }).scripting = {
    executeScript: vi.fn(async (injection: unknown) => {
      injected.push(injection);
      return [{ frameId: 0, result: undefined }];
    }),
  };
  return { router, injected };
}

describe('injected-scripts background feature', () => {
  it('injects the panel’s script into the asking tab’s top frame', async () => {
    const { router, injected } = started();
    expect(await router.handle(loadPanel, orderPage)).toEqual({ ok: true, data: { loaded: true } });
    expect(injected).toEqual([{ target: { tabId: 7 }, files: [ORDER_PANEL_SCRIPT] }]);
  });

  it('injects the deal panel’s second script into the asking deal page', async () => {
    const { router, injected } = started();
    const dealPage = { ...orderPage, url: 'http://127.0.0.1:8080/webasyst/crm/deal/6/history' };
    expect(await router.handle({ dealbridge: 1, type: 'deal.loadMore', payload: {} }, dealPage)).toEqual({
      ok: true,
      data: { loaded: true },
    });
    expect(injected).toEqual([{ target: { tabId: 7 }, files: [DEAL_PANEL_MORE_SCRIPT] }]);
  });

  it('refuses a sender without a tab', async () => {
    const { router, injected } = started();
    const reply = await router.handle(loadPanel, { ...orderPage, tabId: null });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(injected).toEqual([]);
  });

  it('reports a failed injection without the browser’s raw text', async () => {
    const { router } = started();
    (fakeBrowser as unknown as { scripting: { executeScript: () => Promise<never> } }).scripting.executeScript = () =>
      Promise.reject(new Error('Cannot access contents of url "http://127.0.0.1:8080/…?token=secret"'));
    const reply = await router.handle(loadPanel, orderPage);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain('secret');
  });
});
