// Compares a reply with a captured one by shape: same keys and value types,
// recursively. Array elements and dictionary values (objects keyed by data,
// like order params) are compared with any captured sibling of the same shape.

export type JsonType = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';

export function typeOf(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as JsonType;
}

export interface ShapeOptions {
  /** paths like "orders[].params" whose objects are keyed by data, not by field names */
  dictionaries?: string[];
  /** types a path may have besides the captured ones (a nullable column the captures only show as null) */
  allow?: Record<string, JsonType[]>;
}

/** `captured` may be several captures of the same call family: any of them is a valid model. */
export function shapeDiff(
  actual: unknown,
  captured: unknown | unknown[],
  options: ShapeOptions = {},
  many = false,
): string[] {
  const problems: string[] = [];
  compare(actual, many ? (captured as unknown[]) : [captured], '', options, problems);
  return problems;
}

function compare(actual: unknown, candidates: unknown[], path: string, opts: ShapeOptions, problems: string[]): void {
  const type = typeOf(actual);
  const sameType = candidates.filter((c) => typeOf(c) === type);
  if (!sameType.length && (opts.allow?.[path] ?? []).includes(type)) return;
  if (!sameType.length) {
    problems.push(`${path || '(root)'}: ${type}, captured ${[...new Set(candidates.map(typeOf))].join('|')}`);
    return;
  }
  if (type === 'array') {
    const elements = sameType.flatMap((c) => c as unknown[]);
    const list = actual as unknown[];
    if (elements.length && !list.length) problems.push(`${path || '(root)'}: empty array, captured has elements`);
    if (!elements.length) return;
    for (const el of list) compare(el, elements, `${path}[]`, opts, problems);
    return;
  }
  if (type !== 'object') return;
  const obj = actual as Record<string, unknown>;
  if (opts.dictionaries?.includes(path)) {
    const values = sameType.flatMap((c) => Object.values(c as Record<string, unknown>));
    if (!values.length) return;
    for (const v of Object.values(obj)) compare(v, values, `${path}.*`, opts, problems);
    return;
  }
  const keys = Object.keys(obj).sort().join(',');
  const sameKeys = sameType.filter(
    (c) =>
      Object.keys(c as object)
        .sort()
        .join(',') === keys,
  );
  if (!sameKeys.length) {
    const nearest = Object.keys(sameType[0] as object);
    const extra = Object.keys(obj).filter((k) => !nearest.includes(k));
    const missing = nearest.filter((k) => !(k in obj));
    problems.push(
      `${path || '(root)'}: keys differ (extra: ${extra.join(',') || '-'}; missing: ${missing.join(',') || '-'})`,
    );
    return;
  }
  for (const key of Object.keys(obj)) {
    compare(
      obj[key],
      sameKeys.map((c) => (c as Record<string, unknown>)[key]),
      path ? `${path}.${key}` : key,
      opts,
      problems,
    );
  }
}
