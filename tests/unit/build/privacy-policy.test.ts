import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_MAX_AGE_MS, ACTIVITY_MAX_ENTRIES } from '@/utils/activity/log';
import { SCOPE } from '@/utils/api/methods/auth';
import config from '../../../wxt.config';

/**
 * docs/privacy.md states facts of the code: they are read from the code here, so that a change
 * to one of them fails until the policy says the same. (What leaves the browser is checked by
 * tests/store/no-other-host.test.ts and tests/e2e/no-other-host.e2e.test.ts.)
 */
const policy = readFileSync(resolve(import.meta.dirname, '../../../docs/privacy.md'), 'utf8');
const [english, russian] = policy.split(/^## Русский$/m);

describe('the privacy policy', () => {
  it('has an English and a Russian part', () => {
    expect(english).toContain('## English');
    expect(russian).toBeDefined();
    expect(russian.length).toBeGreaterThan(english.length * 0.8);
  });

  it('gives the activity log’s retention as the code has it', () => {
    const days = ACTIVITY_MAX_AGE_MS / (24 * 60 * 60 * 1000);
    expect(english).toContain(
      `at most ${ACTIVITY_MAX_ENTRIES.toLocaleString('en')} entries and nothing older than ${days} days`,
    );
    expect(russian).toContain(
      `не больше ${ACTIVITY_MAX_ENTRIES.toLocaleString('en').replace(',', ' ')} записей и ничего старше ${days} дней`,
    );
  });

  it('names the token’s scope the consent page asks for', () => {
    expect(english).toContain(`scope \`${SCOPE}\``);
    expect(russian).toContain(`права \`${SCOPE}\``);
  });

  it('names the storage areas the extension uses, and the only permissions that could reach data', () => {
    for (const part of [english, russian]) {
      for (const area of ['storage.local', 'storage.session', 'IndexedDB', '_csrf', 'api.php/revoke'])
        expect(part).toContain(area);
    }
    type ManifestFn = (env: { mode: string; browser: string }) => { permissions: string[] };
    const permissions = (config.manifest as unknown as ManifestFn)({
      mode: 'production',
      browser: 'chrome',
    }).permissions;
    // Reading other sites' data would need one of these; the policy says Dealbridge does not.
    for (const broad of ['tabs', 'history', 'webRequest', 'bookmarks', 'browsingData'])
      expect(permissions).not.toContain(broad);
  });
});
