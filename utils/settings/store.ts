import { browser } from 'wxt/browser';
import { defaultSettings, type Settings } from './schema';
import { parseSettings, type SettingsProblem } from './parse';

/** Settings live under one key in storage.local, so that a change is one atomic write and one event. */
export const SETTINGS_STORAGE_KEY = 'dealbridge.settings';

export class InvalidSettingsError extends Error {
  constructor(readonly problem: SettingsProblem) {
    super(`Invalid settings at ${problem.path}: ${problem.message}`);
    this.name = 'InvalidSettingsError';
  }
}

export interface LoadedSettings {
  settings: Settings;
  /** Set when the stored copy could not be read; defaults are used and the stored copy is left untouched. */
  problem: SettingsProblem | null;
}

/** Reads, migrates and validates the stored settings; unreadable settings fall back to defaults without being overwritten. */
export async function loadSettingsWithProblem(): Promise<LoadedSettings> {
  const stored = await browser.storage.local.get(SETTINGS_STORAGE_KEY);
  const raw = stored[SETTINGS_STORAGE_KEY];
  if (raw === undefined) return { settings: defaultSettings(), problem: null };
  const parsed = parseSettings(raw);
  if (parsed.ok) return { settings: parsed.settings, problem: null };
  console.warn(
    'Dealbridge: stored settings are unreadable; using defaults until they are saved again.',
    parsed.problem,
  );
  return { settings: defaultSettings(), problem: parsed.problem };
}

export async function loadSettings(): Promise<Settings> {
  return (await loadSettingsWithProblem()).settings;
}

// Writes in one JS context are chained so that two read-modify-write updates cannot interleave.
let writeChain: Promise<unknown> = Promise.resolve();

/** Validates (after migrations) and stores settings; throws InvalidSettingsError and stores nothing when they are invalid. */
export function saveSettings(settings: unknown): Promise<Settings> {
  return queue(() => write(settings));
}

/** Read-modify-write of the stored settings, e.g. `updateSettings(s => ({...s, sync: {...s.sync, paused: true}}))`. */
export function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  return queue(async () => write(change(await loadSettings())));
}

async function write(settings: unknown): Promise<Settings> {
  const parsed = parseSettings(settings);
  if (!parsed.ok) throw new InvalidSettingsError(parsed.problem);
  await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: parsed.settings });
  return parsed.settings;
}

function queue<T>(task: () => Promise<T>): Promise<T> {
  const run = writeChain.then(task, task);
  writeChain = run.catch(() => undefined);
  return run;
}

/**
 * Calls `onChange` with the new settings whenever they are saved (from any extension context),
 * so saved settings take effect without reloading the extension. Returns an unsubscribe function.
 * Invalid values (e.g. written by a newer version) are ignored rather than passed on.
 */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SETTINGS_STORAGE_KEY in changes)) return;
    const next = changes[SETTINGS_STORAGE_KEY].newValue;
    if (next === undefined) {
      onChange(defaultSettings());
      return;
    }
    const parsed = parseSettings(next);
    if (parsed.ok) onChange(parsed.settings);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
