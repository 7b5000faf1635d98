/**
 * The Firefox package through Mozilla's own linter (web-ext lint, the addons-linter that
 * addons.mozilla.org runs on upload): no error, no notice, and no warning that the documented
 * allow-list does not explain.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import webExt from 'web-ext';
import { beforeAll, describe, expect, it } from 'vitest';
import { LINT_ALLOWLIST } from './lint-allowlist';
import { FIREFOX_DIR, ROOT, VERSION } from './packages';

interface Finding {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}
interface LintResult {
  errors: Finding[];
  warnings: Finding[];
  notices: Finding[];
}

let result: LintResult;

beforeAll(async () => {
  result = (await webExt.cmd.lint(
    { sourceDir: FIREFOX_DIR, output: 'none', boring: true },
    { shouldExitProgram: false },
  )) as LintResult;
});

function describeFinding(finding: Finding): string {
  return `${finding.code} in ${finding.file ?? 'the package'}${finding.column ? ` at ${finding.line}:${finding.column}` : ''}: ${finding.message}`;
}

/** The allow-list entry that explains this finding, or null. */
function explanation(finding: Finding): (typeof LINT_ALLOWLIST)[number] | null {
  for (const entry of LINT_ALLOWLIST) {
    if (entry.code !== finding.code || !finding.file || !entry.file.test(finding.file)) continue;
    const lines = readFileSync(join(FIREFOX_DIR, finding.file), 'utf8').split('\n');
    const line = lines[(finding.line ?? 1) - 1] ?? '';
    const column = finding.column ?? 0;
    if (entry.near.test(line.slice(Math.max(0, column - 400), column + 400))) return entry;
  }
  return null;
}

describe('addons.mozilla.org: web-ext lint on the Firefox package', () => {
  it('lints the store build of this version', () => {
    const manifest = JSON.parse(readFileSync(join(FIREFOX_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.version).toBe(VERSION);
    expect(manifest.host_permissions).toEqual([]);
  });

  it('reports no error and no notice', () => {
    expect(result.errors.map(describeFinding)).toEqual([]);
    expect(result.notices.map(describeFinding)).toEqual([]);
  });

  it('every warning is explained by the allow-list', () => {
    expect(result.warnings.filter((w) => !explanation(w)).map(describeFinding)).toEqual([]);
  });

  it('every allow-list entry still explains a warning, and is in the review notes', () => {
    const notes = readFileSync(join(ROOT, 'docs/store/review-notes.md'), 'utf8');
    for (const entry of LINT_ALLOWLIST) {
      expect(
        result.warnings.some((w) => explanation(w) === entry),
        `${entry.code} no longer occurs: remove it`,
      ).toBe(true);
      expect(notes, entry.code).toContain(entry.code);
    }
  });

  it('declares its data collection for Firefox’s consent screen', () => {
    const manifest = JSON.parse(readFileSync(join(FIREFOX_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });
});
