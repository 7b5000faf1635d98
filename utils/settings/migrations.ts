import { SETTINGS_VERSION } from './schema';
import { defaultFormChoice } from './workflow';

/**
 * Steps that lift stored settings from version N to N+1. Each step works on plain JSON,
 * before the schema parses it, so old shapes never have to satisfy the new schema.
 */
const steps: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  // 2 adds what a rule does when its action has a form: each old rule gets its action's default.
  1: (v1) => ({ ...v1, version: 2, mappings: mapArray(v1.mappings, withFormChoices) }),
};

function mapArray(value: unknown, each: (item: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item) =>
    typeof item === 'object' && item !== null && !Array.isArray(item) ? each(item as Record<string, unknown>) : item,
  );
}

function withFormChoices(mapping: Record<string, unknown>): Record<string, unknown> {
  return {
    ...mapping,
    rules: mapArray(mapping.rules, (rule) =>
      typeof rule.actionId === 'string' && rule.formChoice === undefined
        ? { ...rule, formChoice: defaultFormChoice(rule.actionId) }
        : rule,
    ),
  };
}

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
