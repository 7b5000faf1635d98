// PHP-style request parsing: `items[0][sku_id]=1` becomes nested objects, as
// $_POST/$_GET see it. `a[]=x` appends with the next numeric key.

export type PhpValue = string | PhpForm;
export interface PhpForm {
  [key: string]: PhpValue;
}

function splitKey(key: string): string[] {
  const first = key.indexOf('[');
  if (first <= 0) return [key];
  const parts = [key.slice(0, first)];
  const re = /\[([^\]]*)\]/g;
  for (const m of key.slice(first).matchAll(re)) parts.push(m[1]);
  return parts;
}

function parsePhpPairs(pairs: Iterable<[string, string]>): PhpForm {
  const root: PhpForm = {};
  for (const [rawKey, value] of pairs) {
    const parts = splitKey(rawKey);
    let node: PhpForm = root;
    for (let i = 0; i < parts.length; i++) {
      let part = parts[i];
      if (part === '') part = String(Object.keys(node).filter((k) => /^\d+$/.test(k)).length);
      if (i === parts.length - 1) {
        node[part] = value;
      } else {
        const next = node[part];
        if (typeof next !== 'object') node[part] = {};
        node = node[part] as PhpForm;
      }
    }
  }
  return root;
}

export function parsePhpQuery(text: string): PhpForm {
  return parsePhpPairs(new URLSearchParams(text).entries());
}

/** A PHP array's values in key order (numeric keys first, ascending). */
export function phpList(value: PhpValue | undefined): PhpValue[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  return Object.keys(value)
    .sort((a, b) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : 0))
    .map((k) => value[k]);
}

export const phpString = (value: PhpValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}
