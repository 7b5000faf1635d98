import { describe, expect, it } from 'vitest';
import { migrate, SettingsVersionError } from '@/utils/settings/migrations';
import { defaultSettings, settingsSchema, SETTINGS_VERSION } from '@/utils/settings/schema';

describe('settings schema and migrations', () => {
  it('fills every default from a bare version', () => {
    const settings = defaultSettings();
    expect(settings.version).toBe(SETTINGS_VERSION);
    expect(settings.closeRules).toEqual({
      wonCompletes: true,
      lostDeletes: true,
      wonFormChoice: 'run',
      lostFormChoice: 'ask',
    });
    expect(settings.sync).toMatchObject({ periodMinutes: 1, runsAutomaticSync: true, paused: false });
  });

  it("lifts format 1: every rule gets its action's form choice, the close rules theirs", () => {
    const v1 = {
      version: 1,
      mappings: [
        {
          funnelId: 1,
          rules: [
            'process',
            'pay',
            'fulfilling',
            'ship',
            'complete',
            'delete',
            'refund',
            'comment',
            'my_plugin_action',
          ].map((actionId) => ({
            actionId,
            target: { kind: 'stage', stageId: 2 },
          })),
        },
      ],
      closeRules: { wonCompletes: true, lostDeletes: false },
    };
    const lifted = migrate(v1) as {
      version: number;
      mappings: Array<{ rules: Array<{ actionId: string; formChoice: string }> }>;
    };
    expect(lifted.version).toBe(2);
    expect(Object.fromEntries(lifted.mappings[0].rules.map((r) => [r.actionId, r.formChoice]))).toEqual({
      process: 'run',
      pay: 'run',
      fulfilling: 'run',
      ship: 'run',
      complete: 'run',
      delete: 'ask',
      refund: 'ask',
      comment: 'ask',
      my_plugin_action: 'ask',
    });
    const settings = settingsSchema.parse(lifted);
    expect(settings.closeRules).toEqual({
      wonCompletes: true,
      lostDeletes: false,
      wonFormChoice: 'run',
      lostFormChoice: 'ask',
    });
  });

  it('keeps a choice a file already carries', () => {
    const settings = settingsSchema.parse({
      version: SETTINGS_VERSION,
      mappings: [
        {
          funnelId: 1,
          rules: [
            { actionId: 'delete', target: { kind: 'lost' }, formChoice: 'run' },
            { actionId: 'pay', target: { kind: 'won' }, formChoice: 'ask' },
          ],
        },
      ],
    });
    expect(settings.mappings[0].rules.map((r) => r.formChoice)).toEqual(['run', 'ask']);
  });

  it('refuses settings from a newer Dealbridge instead of guessing', () => {
    expect(() => migrate({ version: SETTINGS_VERSION + 1 })).toThrow(SettingsVersionError);
  });

  it('names the bad field of an invalid rule', () => {
    const result = settingsSchema.safeParse(
      migrate({
        version: 1,
        mappings: [{ funnelId: 1, rules: [{ actionId: 'pay', target: { kind: 'stage', stageId: -3 } }] }],
      }),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe('mappings.0.rules.0.target.stageId');
  });
});
