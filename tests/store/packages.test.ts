/**
 * `npm run zip`: one package per store, each exactly its build, and the sources zip
 * addons.mozilla.org asks for with bundled code: what rebuilds the Firefox package, and nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHROME_DIR,
  CHROME_ZIP,
  FIREFOX_DIR,
  FIREFOX_ZIP,
  ROOT,
  SOURCES_ZIP,
  VERSION,
  listFiles,
  readZip,
} from './packages';

describe('store packages', () => {
  for (const [browser, zip, dir] of [
    ['chrome', CHROME_ZIP, CHROME_DIR],
    ['firefox', FIREFOX_ZIP, FIREFOX_DIR],
  ] as const) {
    it(`dealbridge-${VERSION}-${browser}.zip holds exactly the ${browser} store build`, async () => {
      const entries = await readZip(zip);
      expect([...entries.keys()].sort()).toEqual(listFiles(dir));
      for (const [name, bytes] of entries) expect(bytes.equals(readFileSync(join(dir, name))), name).toBe(true);
      expect(JSON.parse(entries.get('manifest.json')!.toString('utf8')).version).toBe(VERSION);
    });
  }

  it(`dealbridge-${VERSION}-sources.zip holds what rebuilds the Firefox package, and says how`, async () => {
    const names = [...(await readZip(SOURCES_ZIP)).keys()];
    const has = (name: string) => names.includes(name);
    for (const name of [
      'SOURCE-BUILD.md',
      'package.json',
      'package-lock.json',
      'wxt.config.ts',
      'tsconfig.json',
      '.puppeteerrc.cjs',
    ]) {
      expect(has(name), name).toBe(true);
    }
    // Every file the build reads: entrypoints, shared code, UI, static files.
    for (const dir of ['entrypoints', 'utils', 'components', 'public', 'assets']) {
      for (const file of listFiles(join(ROOT, dir))) expect(has(`${dir}/${file}`), `${dir}/${file}`).toBe(true);
    }
    const unwanted = names.filter((name) =>
      /^(node_modules|\.output|\.wxt|\.tmp|\.git|tests|sim|bench|docs|scripts)\//.test(name),
    );
    expect(unwanted).toEqual([]);
    const note = (await readZip(SOURCES_ZIP)).get('SOURCE-BUILD.md')!.toString('utf8');
    expect(note).toContain('npm ci');
    expect(note).toContain('npm run build:firefox');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts['build:firefox']).toBe('wxt build -b firefox');
    expect(note).toContain(pkg.engines.node.replace('>=', ''));
  });
});
