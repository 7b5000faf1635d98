import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The README's "Project layout" is where a newcomer finds the right place for a change: it
// must name every folder that holds code, and nothing that is not there.
const root = resolve(import.meta.dirname, '../../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const layout = readme.slice(
  readme.indexOf('## Project layout'),
  readme.indexOf('\n## ', readme.indexOf('## Project layout') + 1),
);

const folders = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((name) => statSync(join(root, dir, name)).isDirectory())
    .map((name) => `${dir}/${name}/`);

describe('README project layout', () => {
  it('names every folder of utils/, components/, tests/ and the utils/sync stages', () => {
    const expected = [
      ...folders('utils'),
      ...folders('components'),
      ...folders('tests').filter((f) => f !== 'tests/fixtures/'),
      ...folders('utils/sync'),
    ];
    const missing = expected.filter((folder) => !layout.includes(`\`${folder}`));
    expect(missing).toEqual([]);
  });

  it('names only paths that exist', () => {
    // Paths from the repository's root; a short name inside a row (`options/`) is relative to it.
    const named = [
      ...layout.matchAll(
        /`((?:utils|components|entrypoints|tests|sim|bench|scripts|docs|\.ci)\/[a-zA-Z0-9./-]*|[a-z.-]+\.(?:json|cjs|md))`/g,
      ),
    ].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });
});
