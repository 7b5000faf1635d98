import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROMO_TILE, SCREEN, SCREENSHOTS, TILE, takeStoreScreenshots } from '../../scripts/store-screenshots';
import { pngSize } from '../store/packages';

/**
 * The store listing's screenshot set can be taken from the current build (into .tmp/, so that
 * npm test never changes the committed ones), at the sizes the stores take; the committed set
 * in docs/store/screenshots/ is the same list at the same sizes (`npm run store:screenshots`).
 */
const OUT = resolve(import.meta.dirname, '../../.tmp/store-screenshots');
const COMMITTED = resolve(import.meta.dirname, '../../docs/store/screenshots');

function size(path: string) {
  return pngSize(readFileSync(path));
}

describe('store screenshots', () => {
  it('takes five 1280×800 screenshots and the 440×280 promo tile from the running extension', async () => {
    rmSync(OUT, { recursive: true, force: true });
    const shots = await takeStoreScreenshots(OUT);
    expect(shots.map((shot) => shot.split('/').pop())).toEqual([...SCREENSHOTS, PROMO_TILE]);
    for (const name of SCREENSHOTS) expect(size(join(OUT, name)), name).toEqual(SCREEN);
    expect(size(join(OUT, PROMO_TILE))).toEqual(TILE);
  });

  it('the committed listing images are the same set at the same sizes', () => {
    for (const name of SCREENSHOTS) expect(size(join(COMMITTED, name)), name).toEqual(SCREEN);
    expect(size(join(COMMITTED, PROMO_TILE))).toEqual(TILE);
  });
});
