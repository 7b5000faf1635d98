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

export type ImportResult = SettingsParseResult | { ok: false; problem: { path: '(file)'; message: string }; notJson: true };

export function importSettingsJson(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, notJson: true, problem: { path: '(file)', message: error instanceof Error ? error.message : String(error) } };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problem: { path: '(root)', message: 'Expected a settings object' } };
  }
  return parseSettings(raw);
}
