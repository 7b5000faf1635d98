import type { Settings } from './schema';
import { parseSettings, type SettingsParseResult } from './parse';

/**
 * Settings as a JSON file: exactly the stored settings object (the token is never part of
 * it), pretty-printed. Imports go through the same migrations and schema as the store, so a
 * file from an older Dealbridge is lifted, and a bad one is refused at its first bad field.
 */
export function exportSettingsJson(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

export function exportFileName(now: Date = new Date()): string {
  return `dealbridge-settings-${now.toISOString().slice(0, 10)}.json`;
}

export type ImportResult =
  | SettingsParseResult
  | { ok: false; problem: { path: '(file)'; message: string }; notJson: true };

export function importSettingsJson(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      notJson: true,
      problem: { path: '(file)', message: error instanceof Error ? error.message : String(error) },
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problem: { path: '(root)', message: 'Expected a settings object' } };
  }
  // The store reads a stored object without a version as format 1; a file must say what it is,
  // or any JSON object (a wrong file) would import as "all defaults" and wipe the rules.
  const version = (raw as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      problem: { path: 'version', message: 'Missing or not a format number: this is not a Dealbridge settings file' },
    };
  }
  return parseSettings(raw);
}
