import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createProblemNotifier, storageSeenStore, type NotificationsApi } from '@/utils/notify/problems';
import { setLanguage } from '@/utils/i18n';
import { syncItem } from '../popup/fixtures';

const ok = { baseUrl: 'https://shop.example.com/', health: 'ok' as const, lastError: null };

function setup(enabled = true) {
  const shown: Array<{ id: string; title: string; message: string; contextMessage?: string }> = [];
  const notifications: NotificationsApi = {
    create: async (id, options) => {
      shown.push({ id, title: options.title, message: options.message, contextMessage: options.contextMessage });
      return id;
    },
  };
  const state = { enabled };
  const notifier = createProblemNotifier({
    notifications,
    seen: storageSeenStore(fakeBrowser.storage.local),
    enabled: async () => state.enabled,
  });
  return { notifier, shown, state };
}

beforeEach(() => setLanguage('en'));
afterEach(() => setLanguage(null));

describe('problem notifications', () => {
  it('announce each problem once, however many cycles see it', async () => {
    const { notifier, shown } = setup();
    const problem = syncItem({ id: 'p1' });
    await notifier.update({ problems: [problem], connection: ok });
    await notifier.update({ problems: [problem], connection: ok });
    await notifier.update({ problems: [problem, syncItem({ id: 'p2' })], connection: ok });
    expect(shown.map((n) => n.id)).toEqual(['dealbridge:problem:p1', 'dealbridge:problem:p2']);
    expect(shown[0]).toMatchObject({
      title: 'Dealbridge: a problem needs you',
      message: 'Run “Complete” on the order: Shop-Script does not offer this action now: the order is New.',
      contextMessage: '#1003 · Office chairs',
    });
  });

  it('remember what was announced across worker restarts', async () => {
    const first = setup();
    await first.notifier.update({ problems: [syncItem({ id: 'p1' })], connection: ok });
    const second = setup();
    await second.notifier.update({ problems: [syncItem({ id: 'p1' })], connection: ok });
    expect(second.shown).toEqual([]);
  });

  it('stay silent while turned off (the default)', async () => {
    const { notifier, shown, state } = setup(false);
    await notifier.update({ problems: [syncItem({ id: 'p1' })], connection: { ...ok, health: 'auth_error' } });
    expect(shown).toEqual([]);
    state.enabled = true;
    await notifier.update({ problems: [syncItem({ id: 'p1' })], connection: ok });
    expect(shown.map((n) => n.id)).toEqual(['dealbridge:problem:p1']);
  });

  it('announce a broken connection once per episode', async () => {
    const { notifier, shown } = setup();
    const broken = { ...ok, health: 'auth_error' as const };
    await notifier.update({ problems: [], connection: broken });
    await notifier.update({ problems: [], connection: broken });
    await notifier.update({ problems: [], connection: ok });
    await notifier.update({ problems: [], connection: { ...ok, health: 'unreachable' } });
    expect(shown.map((n) => n.title)).toEqual(['Dealbridge: access refused', 'Dealbridge: Webasyst does not answer']);
    expect(shown[1].message).toBe('Sync waits until shop.example.com answers again.');
  });

  it('sum up many new problems in one notification', async () => {
    const { notifier, shown } = setup();
    await notifier.update({ problems: Array.from({ length: 7 }, (_, i) => syncItem({ id: `p${i}` })), connection: ok });
    expect(shown).toHaveLength(1);
    expect(shown[0].title).toBe('Dealbridge: 7 problems need you');
    await notifier.update({ problems: Array.from({ length: 7 }, (_, i) => syncItem({ id: `p${i}` })), connection: ok });
    expect(shown).toHaveLength(1);
  });

  it('announce a problem that comes back after it was solved', async () => {
    const { notifier, shown } = setup();
    await notifier.update({ problems: [syncItem({ id: 'p1' })], connection: ok });
    await notifier.update({ problems: [], connection: ok });
    await notifier.update({ problems: [syncItem({ id: 'p1' })], connection: ok });
    expect(shown).toHaveLength(2);
  });

  it('speak Russian with plural forms', async () => {
    setLanguage('ru');
    const { notifier, shown } = setup();
    await notifier.update({ problems: Array.from({ length: 5 }, (_, i) => syncItem({ id: `p${i}` })), connection: ok });
    expect(shown[0].title).toBe('Dealbridge: 5 проблем требуют внимания');
  });

  it('treat unreadable remembered data as nothing announced', async () => {
    await fakeBrowser.storage.local.set({ 'dealbridge.notified': 'garbage' });
    const { notifier, shown } = setup();
    await notifier.update({ problems: [syncItem({ id: 'p1' })], connection: ok });
    expect(shown).toHaveLength(1);
  });
});
