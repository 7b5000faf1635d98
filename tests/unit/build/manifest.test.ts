import { describe, expect, it } from 'vitest';
import config from '../../../wxt.config';

type ManifestFn = (env: {
  mode: string;
  browser: string;
  manifestVersion: number;
  command: string;
}) => Record<string, unknown>;
const manifest = (mode: string, browser = 'chrome') =>
  (config.manifest as unknown as ManifestFn)({ mode, browser, manifestVersion: 3, command: 'build' });

describe('manifest', () => {
  it('store builds ask for each backend origin at run time and carry no host permission', () => {
    for (const browser of ['chrome', 'firefox']) {
      const built = manifest('production', browser);
      expect(built.host_permissions).toEqual([]);
      expect(built.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    }
  });

  it('the test/demo build also carries loopback hosts, since a headless browser cannot answer a permission prompt', () => {
    expect(manifest('test').host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });

  it('asks for no permission beyond what the features use', () => {
    expect(manifest('production').permissions).toEqual([
      'storage',
      'alarms',
      'scripting',
      'cookies',
      'identity',
      'notifications',
    ]);
  });
});
