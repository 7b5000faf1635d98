import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings, SETTINGS_VERSION } from '@/utils/settings/schema';
import {
  InvalidSettingsError,
  loadSettings,
  loadSettingsWithProblem,
  saveSettings,
  SETTINGS_STORAGE_KEY,
  updateSettings,
  watchSettings,
} from '@/utils/settings/store';

const withMapping = () => ({
  ...defaultSettings(),
  mappings: [
    {
      funnelId: 1,
      rules: [{ actionId: 'pay', target: { kind: 'stage', stageId: 3 }, direction: 'both', allowBackward: false }],
    },
  ],
});

describe('settings store', () => {
  it('gives defaults when nothing is stored', async () => {
    expect(await loadSettings()).toEqual(defaultSettings());
  });

  it('saves and loads the same settings', async () => {
    const saved = await saveSettings(withMapping());
    expect(await loadSettings()).toEqual(saved);
    expect(saved.mappings[0].rules[0].target).toEqual({ kind: 'stage', stageId: 3 });
  });

  it('fills defaults of omitted fields on save', async () => {
    const saved = await saveSettings({ version: SETTINGS_VERSION, sync: { periodMinutes: 5 } });
    expect(saved.sync).toEqual({ enabled: true, periodMinutes: 5, runsAutomaticSync: true, paused: false });
    expect(saved.closeRules).toEqual({
      wonCompletes: true,
      lostDeletes: true,
      wonFormChoice: 'run',
      lostFormChoice: 'ask',
    });
  });

  it('refuses invalid settings, names the field, and stores nothing', async () => {
    await saveSettings(withMapping());
    const bad = { ...withMapping(), sync: { periodMinutes: 0 } };
    const error = await saveSettings(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSettingsError);
    expect((error as InvalidSettingsError).problem.path).toBe('sync.periodMinutes');
    expect(await loadSettings()).toEqual(await saveSettings(withMapping()));
  });

  it('keeps an unreadable stored copy untouched and reports it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ [SETTINGS_STORAGE_KEY]: { version: SETTINGS_VERSION, mappings: 'nope' } });
    const loaded = await loadSettingsWithProblem();
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.problem?.path).toBe('mappings');
    const raw = await fakeBrowser.storage.local.get(SETTINGS_STORAGE_KEY);
    expect(raw[SETTINGS_STORAGE_KEY]).toEqual({ version: SETTINGS_VERSION, mappings: 'nope' });
    warn.mockRestore();
  });

  it('refuses settings from a newer format', async () => {
    const error = await saveSettings({ ...defaultSettings(), version: SETTINGS_VERSION + 1 }).catch((e: unknown) => e);
    expect((error as InvalidSettingsError).problem.path).toBe('version');
  });

  it('serialises concurrent updates so none is lost', async () => {
    await Promise.all([
      updateSettings((s) => ({ ...s, notifications: { enabled: true } })),
      updateSettings((s) => ({ ...s, sync: { ...s.sync, paused: true } })),
    ]);
    const settings = await loadSettings();
    expect(settings.notifications.enabled).toBe(true);
    expect(settings.sync.paused).toBe(true);
  });

  it('tells watchers about saved settings, parsed', async () => {
    const seen: boolean[] = [];
    const stop = watchSettings((s) => seen.push(s.notifications.enabled));
    await saveSettings({ ...defaultSettings(), notifications: { enabled: true } });
    await vi.waitFor(() => expect(seen).toEqual([true]));
    stop();
    await saveSettings(defaultSettings());
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([true]);
  });
});
