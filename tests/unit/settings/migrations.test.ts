import { describe, expect, it } from 'vitest';
import { migrate, SettingsVersionError } from '@/utils/settings/migrations';
import { defaultSettings, settingsSchema, SETTINGS_VERSION } from '@/utils/settings/schema';

describe('settings schema and migrations', () => {
  it('fills every default from a bare version', () => {
    const settings = defaultSettings();
    expect(settings.version).toBe(SETTINGS_VERSION);
    expect(settings.closeRules).toEqual({ wonCompletes: true, lostDeletes: true });
    expect(settings.sync).toMatchObject({ periodMinutes: 1, runsAutomaticSync: true, paused: false });
  });

  it('refuses settings from a newer Dealbridge instead of guessing', () => {
    expect(() => migrate({ version: SETTINGS_VERSION + 1 })).toThrow(SettingsVersionError);
  });

  it('names the bad field of an invalid rule', () => {
    const result = settingsSchema.safeParse(
      migrate({ version: 1, mappings: [{ funnelId: 1, rules: [{ actionId: 'pay', target: { kind: 'stage', stageId: -3 } }] }] }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe('mappings.0.rules.0.target.stageId');
  });
});
