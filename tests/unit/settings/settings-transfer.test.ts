import { describe, expect, it } from 'vitest';
import { defaultSettings, SETTINGS_VERSION } from '@/utils/settings/schema';
import { exportFileName, exportSettingsJson, importSettingsJson } from '@/utils/settings/transfer';

const good = {
  ...defaultSettings(),
  baseUrl: 'https://shop.example.com/',
  mappings: [
    {
      funnelId: 1,
      rules: [
        {
          actionId: 'pay',
          target: { kind: 'stage', stageId: 3 },
          direction: 'both',
          allowBackward: false,
          formChoice: 'run',
        },
      ],
    },
  ],
  autoCreate: [{ storefront: '', enabled: true, trigger: 'order_create', funnelId: 1, stageId: 1, ownerId: null }],
};

describe('settings import and export', () => {
  it('round-trips every setting', () => {
    const result = importSettingsJson(exportSettingsJson(importOk(JSON.stringify(good))));
    expect(result).toEqual({ ok: true, settings: good });
  });

  it('names the export file by date', () => {
    expect(exportFileName(new Date('2026-03-04T10:00:00Z'))).toBe('dealbridge-settings-2026-03-04.json');
  });

  it.each<{ name: string; text: string; path: string; message?: RegExp }>([
    { name: 'not JSON at all', text: '{"version": 1,', path: '(file)' },
    { name: 'a JSON array', text: '[]', path: '(root)' },
    { name: 'a JSON string', text: '"settings"', path: '(root)' },
    { name: 'no version', text: '{"mappings": []}', path: 'version' },
    {
      name: 'a newer format',
      text: JSON.stringify({ version: SETTINGS_VERSION + 1 }),
      path: 'version',
      message: /newer Dealbridge/,
    },
    {
      name: 'a negative stage id deep in a rule',
      text: JSON.stringify({
        version: 1,
        mappings: [{ funnelId: 1, rules: [{ actionId: 'pay', target: { kind: 'stage', stageId: -3 } }] }],
      }),
      path: 'mappings[0].rules[0].target.stageId',
    },
    {
      name: 'an unknown target kind',
      text: JSON.stringify({
        version: 1,
        mappings: [{ funnelId: 1, rules: [{ actionId: 'pay', target: { kind: 'archive' } }] }],
      }),
      path: 'mappings[0].rules[0].target.kind',
    },
    {
      name: 'a bad trigger in the second storefront',
      text: JSON.stringify({
        version: 1,
        autoCreate: [good.autoCreate[0], { ...good.autoCreate[0], storefront: 'x', trigger: 'order_paid' }],
      }),
      path: 'autoCreate[1].trigger',
    },
    {
      name: 'a period out of range',
      text: JSON.stringify({ version: 1, sync: { periodMinutes: 0.1 } }),
      path: 'sync.periodMinutes',
    },
    {
      name: 'a string where a flag belongs',
      text: JSON.stringify({ version: 1, notifications: { enabled: 'yes' } }),
      path: 'notifications.enabled',
    },
  ])('refuses $name, naming $path', ({ text, path, message }) => {
    const result = importSettingsJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.path).toBe(path);
    expect(result.problem.message.length).toBeGreaterThan(0);
    if (message) expect(result.problem.message).toMatch(message);
  });

  it('ignores keys it does not know, such as a token someone added by hand', () => {
    const result = importSettingsJson(JSON.stringify({ ...good, token: 'abc123', accessToken: 'x' }));
    expect(result.ok && Object.keys(result.settings)).not.toContain('token');
    expect(result.ok && JSON.stringify(result.settings)).not.toContain('abc123');
  });

  it('never exports anything but the settings object', () => {
    expect(Object.keys(JSON.parse(exportSettingsJson(defaultSettings()))).sort()).toEqual(
      Object.keys(defaultSettings()).sort(),
    );
  });
});

function importOk(text: string) {
  const result = importSettingsJson(text);
  if (!result.ok) throw new Error(result.problem.message);
  return result.settings;
}

describe('a wrong file', () => {
  it('such as package.json is refused instead of importing as all defaults', () => {
    const result = importSettingsJson(JSON.stringify({ name: 'dealbridge', version: '0.1.0' }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.path).toBe('version');
  });
});
