/**
 * The store packages as `npm run zip` leaves them in `.output/`, and small readers the store
 * checks share: the files of a built directory, a zip's entries, a PNG's size.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import JSZip from 'jszip';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OUTPUT = join(ROOT, '.output');
export const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

export const CHROME_DIR = join(OUTPUT, 'chrome-mv3');
export const FIREFOX_DIR = join(OUTPUT, 'firefox-mv3');
export const CHROME_ZIP = join(OUTPUT, `dealbridge-${VERSION}-chrome.zip`);
export const FIREFOX_ZIP = join(OUTPUT, `dealbridge-${VERSION}-firefox.zip`);
export const SOURCES_ZIP = join(OUTPUT, `dealbridge-${VERSION}-sources.zip`);
/** The test builds (loopback host permissions): scanned for hosts too, since the e2e tests run them. */
export const TEST_DIRS = [join(OUTPUT, 'chrome-mv3-test'), join(OUTPUT, 'firefox-mv3-test')];

/** Every file under `dir`, as a path relative to it with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** A zip's files (directories left out) with their contents. */
export async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  }
  return files;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (bytes.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The built JavaScript, HTML and CSS of a package directory, by relative path. */
export function codeFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of listFiles(dir)) {
    if (/\.(m?js|html|css)$/.test(file)) files.set(file, readFileSync(join(dir, file), 'utf8'));
  }
  return files;
}
