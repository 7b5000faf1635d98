import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The store build asks for each Webasyst origin at run time (optional host permissions).
// The test/demo build (`--mode test`) also carries loopback hosts, because a permission
// prompt cannot be answered in a headless browser.
const LOOPBACK = ['http://127.0.0.1/*', 'http://localhost/*'];

export default defineConfig({
  // MV3 for Firefox too: optional host permissions and scripting.registerContentScripts work the same.
  manifestVersion: 3,
  // Builds (the test build too) ship production Preact: no devtools hook, no JSX debug info
  // (mode `test` is not "production" to Vite). The content scripts' size depends on it.
  vite: ({ command }) =>
    command === 'build'
      ? { plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })], oxc: { jsx: { development: false } } }
      : { plugins: [preact()] },
  manifest: ({ mode, browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'scripting', 'cookies', 'identity', 'notifications'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    host_permissions: mode === 'test' ? LOOPBACK : [],
    action: { default_title: 'Dealbridge' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'dealbridge@dealbridge.app', strict_min_version: '128.0' } } }
      : {}),
  }),
});
