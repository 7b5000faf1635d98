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
      ? {
          plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
          oxc: { jsx: { development: false } },
        }
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
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'dealbridge@dealbridge.app',
              // 140 (the ESR line) is the first to read data_collection_permissions; Android's is 142.
              strict_min_version: '140.0',
              // Nothing goes to the developer or a third party: the only server Dealbridge talks to is
              // the merchant's own Webasyst (docs/store/review-notes.md explains why that is "none").
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  // `npm run zip`: dealbridge-<version>-chrome.zip, dealbridge-<version>-firefox.zip and, for
  // addons.mozilla.org's review of bundled code, dealbridge-<version>-sources.zip with what
  // `npm ci && npm run build:firefox` needs (SOURCE-BUILD.md says how) and nothing else.
  zip: {
    artifactTemplate: 'dealbridge-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'dealbridge-{{version}}-sources.zip',
    // Hidden files are left out by default; `npm ci` needs this one (puppeteer must not download a browser).
    includeSources: ['.puppeteerrc.cjs'],
    excludeSources: ['tests/**', 'sim/**', 'bench/**', 'docs/**', 'scripts/**', 'stats.html'],
  },
});
