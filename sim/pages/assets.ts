// Static files of the simulated pages (their own scripts and CSS) under /wa-content/sim/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimContext } from '../http/router';

const DIR = join(import.meta.dirname, 'assets');
const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
const cache = new Map<string, string>();

export function registerAssets(ctx: SimContext): void {
  ctx.router.get(/^\/wa-content\/sim\/(?<name>[a-z0-9-]+\.(?:js|css))$/, (rc) => {
    const name = rc.params.name;
    let body = cache.get(name);
    if (body === undefined) {
      try {
        body = readFileSync(join(DIR, name), 'utf8');
      } catch {
        return rc.send(404, 'Not found', { 'Content-Type': 'text/plain' });
      }
      cache.set(name, body);
    }
    rc.send(200, body, { 'Content-Type': TYPES[name.split('.').pop()!], 'Cache-Control': 'no-cache' });
  });
}
