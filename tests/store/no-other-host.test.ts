/**
 * The privacy policy says nothing leaves the browser except requests to the merchant's own
 * Webasyst. Statically: the built code names no host it could reach — no analytics, no remote
 * fonts, styles or scripts. The addresses it does contain are identifiers or text, listed here
 * with the reason; the installation's own address is only ever built at run time.
 * (tests/e2e/no-other-host.e2e.test.ts watches the requests of a real session.)
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROME_DIR, FIREFOX_DIR, TEST_DIRS, codeFiles } from './packages';

/** Exact addresses the bundles may contain, none of them ever requested. */
const NOT_REQUESTED: Record<string, string> = {
  'http://www.w3.org/2000/svg': 'SVG namespace (Preact creates SVG elements in it)',
  'http://www.w3.org/1999/xhtml': 'XHTML namespace (Preact)',
  'http://www.w3.org/1998/Math/MathML': 'MathML namespace (Preact)',
  'https://json-schema.org/draft/2020-12/schema': "zod's JSON Schema export writes it as $schema",
  'http://json-schema.org/draft-07/schema#': "zod's JSON Schema export writes it as $schema",
  'http://json-schema.org/draft-04/schema#': "zod's JSON Schema export writes it as $schema",
  'https://shop.example.com/': 'example address in the connection form’s hint, placeholder and error text',
  'https://wxt.dev/guide/go-further/testing.html': 'text of an error WXT throws in tests',
  'https://github.com/wxt-dev/wxt/issues/371': 'text of an error WXT throws',
};
/** Loopback, only in the test builds (their host permissions; the simulator runs there). */
const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/;

/** Every absolute http(s) address written literally in the code (a host follows the slashes). */
function literalAddresses(text: string): string[] {
  return [...text.matchAll(/https?:\/\/(?:[A-Za-z0-9-]|\[[0-9A-Fa-f:])[^\s"'`)<>\\]*/g)].map((m) => m[0]);
}

const stores = [CHROME_DIR, FIREFOX_DIR];
const tests = TEST_DIRS.filter((dir) => existsSync(dir));

describe('no host but the connected installation', () => {
  for (const dir of [...stores, ...tests]) {
    const name = dir.split('/').pop()!;
    const loopbackAllowed = tests.includes(dir);
    it(`${name}: the code names no other host`, () => {
      const files = codeFiles(dir);
      expect(files.size).toBeGreaterThan(5);
      const unexpected: string[] = [];
      for (const [file, text] of files) {
        for (const address of literalAddresses(text)) {
          if (address in NOT_REQUESTED) continue;
          if (loopbackAllowed && LOOPBACK.test(address)) continue;
          unexpected.push(`${file}: ${address}`);
        }
        // Protocol-relative loads and CSS imports would reach a host without "http".
        for (const match of text.matchAll(/(?:@import|url\()\s*["']?(?:https?:)?\/\/[^\s"')]+/g))
          unexpected.push(`${file}: ${match[0]}`);
        if (file.endsWith('.html')) {
          for (const match of text.matchAll(/\b(?:src|href)=["']?\/\/[^\s"'>]+/g))
            unexpected.push(`${file}: ${match[0]}`);
        }
      }
      expect(unexpected).toEqual([]);
    });
  }

  it('the check sees an address where there is one', () => {
    expect(literalAddresses('fetch(`https://stats.example.net/collect?x=1`);a="http://[::1]:80/"')).toEqual([
      'https://stats.example.net/collect?x=1',
      'http://[::1]:80/',
    ]);
    expect(literalAddresses('n=`https://${t}`; e=`http://[${e}]`')).toEqual([]);
  });
});
