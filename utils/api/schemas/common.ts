import { z } from 'zod';

/**
 * Building blocks for reply schemas. Shop-Script returns raw DB values (numbers as strings,
 * "1"/"0" flags, `[]` for an empty object), CRM returns typed values; these accept both and
 * hand the rest of Dealbridge one shape.
 */

const NUMERIC = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** A number, or a string holding one ("1500.0000"). */
export const num = z.union([z.number(), z.string().trim().regex(NUMERIC).transform(Number)]);

/** num, where null or "" mean "none". */
export const numOrNull = z.union([num, z.null(), z.literal('').transform(() => null)]);

/** A whole number id (Shop sends "12", CRM sends 12). */
export const int = num.pipe(z.number().int());

export const intOrNull = z.union([int, z.null(), z.literal('').transform(() => null)]);

/** An id that must exist: a positive whole number. */
export const id = int.pipe(z.number().int().positive());

/** Shop flags: true/false, 1/0, "1"/"0". */
export const flag = z.union([
  z.boolean(),
  z.literal(1).transform(() => true),
  z.literal(0).transform(() => false),
  z.literal('1').transform(() => true),
  z.literal('0').transform(() => false),
  z.literal('').transform(() => false),
  z.null().transform(() => false),
]);

export const str = z.string();
export const strOrNull = z.string().nullable();
/** A string that may be missing entirely. */
export const optStr = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Undoes Shop-Script's htmlspecialchars on names. Dealbridge renders text as text nodes,
 * so the unescaped name is both correct and inert ("Smith &amp; Co" → "Smith & Co").
 */
function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return ENTITIES[entity.toLowerCase()] ?? match;
  });
}

/** A name Shop-Script sends HTML-escaped. */
export const shopName = z.string().transform(unescapeHtml);
export const shopNameOrNull = z
  .string()
  .nullish()
  .transform((v) => (v == null ? null : unescapeHtml(v)));

/** PHP sends an empty associative array as `[]`: accept it as an empty object. */
export function phpObject<V extends z.ZodType>(value: V) {
  return z.union([
    z.record(z.string(), value),
    z
      .array(z.unknown())
      .max(0)
      .transform(() => ({}) as Record<string, z.output<V>>),
  ]);
}

/** Shop order params: name → value, every value as a string (or null). */
export const shopParams = phpObject(z.unknown()).transform((record) => {
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] = value == null ? null : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
});
