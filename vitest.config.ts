import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Three projects: fast unit tests (WXT's fakeBrowser, fake-indexeddb), the store checks (over the
// packages `npm run zip` makes, as the Chrome Web Store and addons.mozilla.org would check them)
// and end-to-end tests (puppeteer + Chromium + the built test extension against the simulated Webasyst).
// Unit tests run in node; a file that needs a DOM says so with `// @vitest-environment happy-dom`.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto', 'tests/unit/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'store',
          include: ['tests/store/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/store/global-setup.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          // Each file launches its own Chromium; on small machines they must take turns.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
