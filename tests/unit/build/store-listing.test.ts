import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** docs/store/listing.md: its short descriptions are the manifest's, and the images it lists are committed. */
const ROOT = resolve(import.meta.dirname, '../../..');
const listing = readFileSync(resolve(ROOT, 'docs/store/listing.md'), 'utf8');
const [, english, russian] = listing.split(/^## (?:English|Русский)$/m);

function messages(locale: string): Record<string, { message: string }> {
  return JSON.parse(readFileSync(resolve(ROOT, `public/_locales/${locale}/messages.json`), 'utf8'));
}

describe('the store listing', () => {
  for (const [locale, part, label] of [
    ['en', english, 'Short description'],
    ['ru', russian, 'Краткое описание'],
  ] as const) {
    it(`"${locale}": name and short description are the manifest's, within the store's limit`, () => {
      const short = part.match(new RegExp(`\\*\\*${label}\\*\\* \\(≤ 132 [^)]*\\): (.+)`))?.[1];
      expect(short).toBe(messages(locale).extDescription.message);
      expect(short!.length).toBeLessThanOrEqual(132);
      expect(part).toContain(`: ${messages(locale).extName.message}`);
    });
  }

  it('lists images that are committed', () => {
    const images = [...listing.matchAll(/`((?:screenshots|public\/icon)\/[\w.-]+\.png)`/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const image of images)
      expect(existsSync(resolve(ROOT, image.startsWith('public') ? image : `docs/store/${image}`)), image).toBe(true);
  });
});
