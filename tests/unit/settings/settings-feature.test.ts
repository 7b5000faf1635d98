import { testServices } from '../background/test-services';
import { beforeEach, describe, expect, it } from 'vitest';
import settingsFeature from '@/utils/background/features/settings';
import { MessageRouter, type SenderInfo } from '@/utils/messaging/router';
import { defaultSettings } from '@/utils/settings/schema';
import { loadSettings, saveSettings } from '@/utils/settings/store';

/** The real background feature behind the real router. */
let router: MessageRouter;
const options: SenderInfo = { trusted: true, tabId: null, url: 'chrome-extension://x/options.html' };
const ask = (type: string, payload: unknown, sender = options) =>
  router.handle({ dealbridge: 1, type, payload }, sender);

beforeEach(() => {
  router = new MessageRouter();
  settingsFeature.start(testServices(router).services);
});

describe('settings background feature', () => {
  it('saves validated settings and keeps the address the connection stored', async () => {
    await saveSettings({ ...defaultSettings(), baseUrl: 'https://shop.example.com/' });
    const reply = await ask('settings.save', {
      settings: { ...defaultSettings(), baseUrl: null, notifications: { enabled: true } },
    });
    expect(reply).toMatchObject({
      ok: true,
      data: { baseUrl: 'https://shop.example.com/', notifications: { enabled: true } },
    });
    expect((await loadSettings()).notifications.enabled).toBe(true);
    expect(await ask('settings.get', {})).toEqual({ ok: true, data: await loadSettings() });
  });

  it('keeps a pause made in the popup since the page was opened', async () => {
    await saveSettings({ ...defaultSettings(), sync: { ...defaultSettings().sync, paused: true } });
    const reply = await ask('settings.save', {
      settings: { ...defaultSettings(), sync: { ...defaultSettings().sync, periodMinutes: 5 } },
    });
    expect(reply).toMatchObject({ ok: true, data: { sync: { paused: true, periodMinutes: 5 } } });
  });

  it('refuses invalid settings and stores nothing', async () => {
    const reply = await ask('settings.save', { settings: { ...defaultSettings(), sync: { periodMinutes: -1 } } });
    expect(reply.ok).toBe(false);
    expect(await loadSettings()).toEqual(defaultSettings());
  });

  it('is for Dealbridge’s own pages only', async () => {
    const reply = await ask(
      'settings.get',
      {},
      { trusted: false, tabId: 3, url: 'https://shop.example.com/webasyst/' },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('asks to connect before reading the installation', async () => {
    expect(await ask('settings.catalog', {})).toMatchObject({ ok: false, error: { code: 'not_connected' } });
    expect(await ask('settings.preview', { settings: defaultSettings() })).toMatchObject({
      ok: false,
      error: { code: 'not_connected' },
    });
  });
});
