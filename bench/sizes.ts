import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

/** gzip -9 size of a file (the same deflate level and a gzip header, as `gzip -9c file | wc -c`). */
export function gzipBytes(path: string): number {
  return gzipSync(readFileSync(path), { level: constants.Z_BEST_COMPRESSION }).length;
}

export interface BundleSizes {
  /** Per content script, by entry name (e.g. "order-page"): gzip -9 bytes. */
  content: Record<string, { rawBytes: number; gzipBytes: number }>;
  background: { rawBytes: number; gzipBytes: number };
}

/** Sizes of the built content scripts and background script in a WXT output directory. */
export function measureBundleSizes(outputDir: string): BundleSizes {
  const contentDir = join(outputDir, 'content-scripts');
  const content: BundleSizes['content'] = {};
  for (const file of readdirSync(contentDir)
    .filter((f) => f.endsWith('.js'))
    .sort()) {
    const path = join(contentDir, file);
    content[file.replace(/\.js$/, '')] = { rawBytes: statSync(path).size, gzipBytes: gzipBytes(path) };
  }
  const bg = join(outputDir, 'background.js');
  return { content, background: { rawBytes: statSync(bg).size, gzipBytes: gzipBytes(bg) } };
}
