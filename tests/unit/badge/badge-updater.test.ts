import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBadgeUpdater, type ActionApi } from '@/utils/badge/updater';
import type { BadgeInput } from '@/utils/badge/state';
import { notifyStatusChanged, onStatusChanged } from '@/utils/badge/status-events';
import { readStatus, LIST_CAP, type StatusSources } from '@/utils/badge/read-status';
import { setLanguage } from '@/utils/i18n';
import { connection, syncItem } from '../popup/fixtures';

function fakeAction() {
  const calls: Array<[string, unknown]> = [];
  const action: ActionApi = {
    setBadgeText: async (d) => void calls.push(['text', d.text]),
    setBadgeBackgroundColor: async (d) => void calls.push(['color', d.color]),
    setBadgeTextColor: async (d) => void calls.push(['textColor', d.color]),
    setTitle: async (d) => void calls.push(['title', d.title]),
  };
  return { action, calls };
}

const ok = { baseUrl: 'https://shop.example.com/', health: 'ok' as const, lastError: null };

beforeEach(() => setLanguage('en'));
afterEach(() => {
  setLanguage(null);
  vi.useRealTimers();
});

describe('badge updater', () => {
  it('shows the badge and title, and calls the action API again only when they change', async () => {
    const { action, calls } = fakeAction();
    let input: BadgeInput = { connection: ok, pendingCount: 2, problemCount: 0, paused: false };
    const updater = createBadgeUpdater({ action, read: async () => input });
    await updater.refresh();
    expect(calls).toEqual([
      ['text', '2'],
      ['color', '#475569'],
      ['textColor', '#FFFFFF'],
      ['title', 'Dealbridge: 2 items waiting to sync'],
    ]);
    await updater.refresh();
    expect(calls).toHaveLength(4);
    input = { ...input, problemCount: 1 };
    await updater.refresh();
    expect(calls.slice(4)).toEqual([
      ['text', '!'],
      ['color', '#D97706'],
      ['textColor', '#FFFFFF'],
      ['title', 'Dealbridge: 1 problem needs you, 2 items waiting'],
    ]);
    input = { connection: ok, pendingCount: 0, problemCount: 0, paused: false };
    await updater.refresh();
    expect(calls.slice(8)).toEqual([
      ['text', ''],
      ['title', 'Dealbridge: all in step'],
    ]);
  });

  it('turns a burst of change signals into one read', async () => {
    vi.useFakeTimers();
    const { action } = fakeAction();
    const read = vi.fn(
      async (): Promise<BadgeInput> => ({ connection: ok, pendingCount: 0, problemCount: 0, paused: false }),
    );
    const updater = createBadgeUpdater({ action, read, debounceMs: 300 });
    const unsubscribe = onStatusChanged(() => updater.schedule());
    for (let i = 0; i < 20; i++) notifyStatusChanged();
    await vi.advanceTimersByTimeAsync(299);
    expect(read).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(read).toHaveBeenCalledTimes(1);
    unsubscribe();
    notifyStatusChanged();
    await vi.advanceTimersByTimeAsync(1000);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads once more when a change arrives during a read, so the last change is never missed', async () => {
    vi.useFakeTimers();
    const { action, calls } = fakeAction();
    let pending = 1;
    let release!: () => void;
    const read = vi.fn(async (): Promise<BadgeInput> => {
      const seen = pending;
      if (read.mock.calls.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return { connection: ok, pendingCount: seen, problemCount: 0, paused: false };
    });
    const updater = createBadgeUpdater({ action, read, debounceMs: 10 });
    const first = updater.refresh();
    pending = 5;
    void updater.refresh();
    release();
    await first;
    await vi.advanceTimersByTimeAsync(20);
    expect(read).toHaveBeenCalledTimes(2);
    expect(calls.filter(([kind]) => kind === 'text').map(([, v]) => v)).toEqual(['1', '5']);
  });

  it('survives a failing read and keeps the last badge', async () => {
    const { action, calls } = fakeAction();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const updater = createBadgeUpdater({ action, read: async () => Promise.reject(new Error('IDB closed')) });
    expect(await updater.refresh()).toBeNull();
    expect(calls).toEqual([]);
    warn.mockRestore();
  });
});

describe('status read', () => {
  function sources(overrides: Partial<StatusSources> = {}): StatusSources {
    return {
      connectionView: async () => connection(),
      syncState: async () => ({
        lastSyncAt: 1,
        nextSyncAt: 2,
        syncing: false,
        lastError: null,
        paused: true,
        pendingCount: 700,
        problemCount: 2,
      }),
      syncItems: async () => ({
        pending: Array.from({ length: 60 }, (_, i) => syncItem({ id: `p${i}`, status: 'pending' })),
        problems: [syncItem({ id: 'old', since: 1 }), syncItem({ id: 'new', since: 5 })],
      }),
      runsAutomaticSync: async () => false,
      ...overrides,
    };
  }

  it('composes connection, sync state and items, capping lists but not counts', async () => {
    const read = await readStatus(sources());
    expect(read.status).toMatchObject({
      paused: true,
      runsAutomaticSync: false,
      pendingCount: 700,
      problemCount: 2,
      lastSyncAt: 1,
      nextSyncAt: 2,
    });
    expect(read.status.connection?.userName).toBe('Anna Manager');
    expect(read.pending).toHaveLength(LIST_CAP);
    expect(read.problems.map((p) => p.id)).toEqual(['new', 'old']);
    expect(read.allProblems).toHaveLength(2);
  });

  it('counts the items themselves when the state gives no counts', async () => {
    const read = await readStatus(
      sources({
        syncState: async () => ({ lastSyncAt: null, nextSyncAt: null, syncing: false, lastError: null, paused: false }),
      }),
    );
    expect(read.status.pendingCount).toBe(60);
    expect(read.status.problemCount).toBe(2);
  });
});
