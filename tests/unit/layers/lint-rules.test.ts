import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The project's biome.json over a few files that break its rules on purpose, in a folder of
// their own (the project's check never sees them): each must fail with the rule's name.
const root = resolve(import.meta.dirname, '../../..');
let dir = '';

const files: Record<string, string> = {
  'utils/sync/engine/reads-webasyst.ts': "export const read = (): Promise<Response> => fetch('/api.php');\n",
  'components/panel/calls-api.ts': "export const call = (): Promise<Response> => fetch('/api.php');\n",
  'utils/sync/model/forgets-a-promise.ts':
    'async function store(): Promise<number> {\n  return 1;\n}\nexport function save(): void {\n  store();\n}\n',
  'utils/deals/unused.ts': "import { join } from 'node:path';\n\nexport const one = 1;\n",
};

function lint(path: string): { status: number | null; output: string } {
  const result = spawnSync(join(root, 'node_modules/.bin/biome'), ['lint', '--max-diagnostics=50', path], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dealbridge-lint-'));
  const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'));
  delete config.$schema;
  config.vcs = { enabled: false };
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lint rules', () => {
  it.each([
    ['utils/sync/engine/reads-webasyst.ts', 'lint/style/noRestrictedGlobals', 'plain functions'],
    ['components/panel/calls-api.ts', 'lint/style/noRestrictedGlobals', 'through the background'],
    ['utils/sync/model/forgets-a-promise.ts', 'lint/nursery/noFloatingPromises', ''],
    ['utils/deals/unused.ts', 'lint/correctness/noUnusedImports', ''],
  ])('%s fails with %s', (path, rule, why) => {
    const { status, output } = lint(path);
    expect(status).not.toBe(0);
    expect(output).toContain(rule);
    expect(output).toContain(why);
  });
});
