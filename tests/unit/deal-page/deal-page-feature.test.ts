import { testServices } from '../background/test-services';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import feature from '@/utils/background/features/deal-page';
import { MessageRouter } from '@/utils/messaging/router';

const TABS_KEY = 'dealbridge.dealPageTabs';
const content = { trusted: false, tabId: 7, url: 'http://127.0.0.1:8080/webasyst/crm/deal/6/history' };

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('deal-page background feature', () => {
  it('answers deal.order with not_connected before a connection exists', async () => {
    const router = new MessageRouter();
    feature.start(testServices(router).services);
    const reply = await router.handle({ dealbridge: 1, type: 'deal.order', payload: { dealId: 6 } }, content);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_connected' }) });
  });

  it('refuses a malformed request', async () => {
    const router = new MessageRouter();
    feature.start(testServices(router).services);
    const reply = await router.handle({ dealbridge: 1, type: 'deal.order', payload: { dealId: -1 } }, content);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('tells deal-page tabs to look again after a sync cycle, once per burst, and forgets tabs that are gone', async () => {
    // A fresh worker: one feature start, one status listener.
    vi.resetModules();
    const { default: freshFeature } = await import('@/utils/background/features/deal-page');
    const { notifyStatusChanged: notify } = await import('@/utils/badge/status-events');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    freshFeature.start(testServices().services);
    await fakeBrowser.storage.session.set({ [TABS_KEY]: [7, 8] });
    const sent: number[] = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number, message: unknown) => {
      expect(message).toEqual({ event: 'deal-page.changed' });
      sent.push(tabId);
      if (tabId === 8) throw new Error('Could not establish connection. Receiving end does not exist.');
    }) as never);

    notify();
    notify();
    notify();
    await vi.advanceTimersByTimeAsync(1_100);
    await vi.waitFor(async () => expect((await fakeBrowser.storage.session.get(TABS_KEY))[TABS_KEY]).toEqual([7]));
    expect(sent).toEqual([7, 8]);

    await fakeBrowser.tabs.onRemoved.trigger(7, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () => expect((await fakeBrowser.storage.session.get(TABS_KEY))[TABS_KEY]).toEqual([]));
  });
});
