import type { z } from 'zod';
import { migrate, SettingsVersionError } from './migrations';
import { settingsSchema, type Settings } from './schema';

/** The first thing wrong with a settings object: where (a readable path) and what. */
export interface SettingsProblem {
  path: string;
  message: string;
}

export type SettingsParseResult = { ok: true; settings: Settings } | { ok: false; problem: SettingsProblem };

/**
 * Lifts any stored or imported settings object to the current format and validates it.
 * The store, the background and the import all go through here, so they agree on what is valid.
 */
export function parseSettings(raw: unknown): SettingsParseResult {
  let migrated: unknown;
  try {
    migrated = migrate(raw);
  } catch (error) {
    if (error instanceof SettingsVersionError)
      return { ok: false, problem: { path: 'version', message: error.message } };
    throw error;
  }
  const result = settingsSchema.safeParse(migrated);
  if (result.success) return { ok: true, settings: result.data };
  return { ok: false, problem: firstProblem(result.error) };
}

function firstProblem(error: z.ZodError): SettingsProblem {
  const issue = error.issues[0];
  if (!issue) return { path: '(root)', message: 'Invalid settings.' };
  return { path: formatPath(issue.path), message: issue.message };
}

/** ["mappings", 0, "rules", 2, "actionId"] → "mappings[0].rules[2].actionId" */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text || '(root)';
}
