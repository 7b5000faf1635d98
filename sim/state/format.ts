// How the two apps print values: Shop gives raw DB strings in server local
// time, CRM gives typed values and ISO-8601 UTC with microseconds.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "Y-m-d H:i:s" in the shop server's local time (fixed shift in seconds). */
export function shopDatetime(ms: number | null, shiftSeconds: number): string | null {
  if (ms === null) return null;
  const d = new Date(ms + shiftSeconds * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function shopDate(ms: number | null, shiftSeconds: number): string | null {
  const s = shopDatetime(ms, shiftSeconds);
  return s === null ? null : s.slice(0, 10);
}

/** Parse a shop local datetime ("Y-m-d[ H:i[:s]]") back to epoch ms. */
export function parseShopDatetime(text: string, shiftSeconds: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return utc - shiftSeconds * 1000;
}

/** CRM: `Y-m-d\TH:i:s.000000Z` (seconds resolution, like MySQL DATETIME). */
export function crmDatetime(ms: number | null): string | null {
  if (ms === null) return null;
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return d.toISOString().replace(/\.\d{3}Z$/, '.000000Z');
}

/** Shop money / quantity columns as MySQL prints them. */
export const decimal4 = (n: number) => n.toFixed(4);
export const decimal3 = (n: number) => n.toFixed(3);
export const decimal8 = (n: number) => n.toFixed(8);

export function htmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

/** Round a second-resolution timestamp like a DATETIME column stores it. */
export const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
