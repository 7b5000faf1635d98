import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

// The same rules `npm test` checks the project with (scripts/check-layers.ts).
const config = createRequire(import.meta.url)('../../../.dependency-cruiser.cjs') as IConfiguration;
const fixture = resolve(import.meta.dirname, '../../fixtures/layer-violations');

async function violations(): Promise<string[]> {
  const { output } = await cruise(['.'], {
    baseDir: fixture,
    ruleSet: { forbidden: config.forbidden },
    validate: true,
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
  });
  return (output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('layer rules', () => {
  it('name each deliberate violation by its rule', async () => {
    const found = await violations();
    expect(found).toEqual(
      expect.arrayContaining([
        'sync-model-is-plain: utils/sync/model/rules.ts → utils/db/store.ts',
        'components-without-background-code: components/panel.ts → utils/background/feature.ts',
        'product-without-sim-or-tests: components/panel.ts → sim/seed.ts',
        'sync-stages-in-cycle-order: utils/sync/observe/feeds.ts → utils/sync/apply/item.ts',
        'only-pages-know-webasyst-dom: components/panel.ts → utils/pages/shop/ui20.ts',
        'only-api-and-backend-talk-to-webasyst: utils/deals/order-link.ts → utils/api/client.ts',
        'cores-without-browser-api: utils/sync/engine/engine.ts → utils/messaging/client.ts',
        'storage-knows-only-the-sync-model: utils/db/outbox.ts → utils/sync/apply/item.ts',
        'cores-without-browser-api: utils/backfill/run.ts → utils/messaging/client.ts',
        'observe-before-examine: utils/sync/observe/feeds.ts → utils/sync/examine/infer.ts',
        'content-scripts-without-token: entrypoints/order-page.content.ts → utils/connection/current.ts',
        expect.stringMatching(/^no-runtime-import-cycles: sim\/(seed|later)\.ts → sim\/(seed|later)\.ts$/),
        expect.stringMatching(/^no-import-cycles: utils\/loop\/(a|b)\.ts → utils\/loop\/(a|b)\.ts$/),
      ]),
    );
  });

  it('breaks every rule at least once, so that a rule that stopped matching fails here', async () => {
    const fired = new Set((await violations()).map((line) => line.split(':')[0]));
    const silent = config.forbidden!.map((rule) => rule.name).filter((name) => !fired.has(name!));
    expect(silent).toEqual([]);
  });
});
