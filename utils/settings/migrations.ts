import { SETTINGS_VERSION } from './schema';

/**
 * Steps that lift stored settings from version N to N+1. Each step works on plain JSON,
 * before the schema parses it, so old shapes never have to satisfy the new schema.
 */
const steps: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  // 1: (v1) => ({ ...v1, version: 2, newField: ... }),
};

export class SettingsVersionError extends Error {}

export function migrate(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  let current = raw as Record<string, unknown>;
  let version = typeof current.version === 'number' ? current.version : 1;
  if (version > SETTINGS_VERSION) {
    throw new SettingsVersionError(
      `These settings are from a newer Dealbridge (format ${version}; this one reads up to ${SETTINGS_VERSION}).`,
    );
  }
  while (version < SETTINGS_VERSION) {
    const step = steps[version];
    if (!step) throw new SettingsVersionError(`No migration from settings format ${version}.`);
    current = step(current);
    version += 1;
  }
  return { ...current, version };
}
