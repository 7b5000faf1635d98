/**
 * A small interpreter for the JSON Schema subset that zod 4's `z.toJSONSchema()` emits, for
 * replies validated in a content script: the backend endpoint's (utils/backend/), which the
 * order page calls with the person's own session. Content scripts must stay small, and zod
 * would be most of their size.
 *
 * It judges values as zod does, and a unit test holds it to zod on every keyword it reads:
 * - the result is a copy: unknown object keys are dropped (zod's z.object strips them;
 *   `additionalProperties: false`, a strict object, rejects them instead);
 * - a key in `required` must be present; an optional key may be missing or undefined, and
 *   a missing key with a `default` gets it;
 * - `number` is finite, `integer` is a safe integer (zod's `.int()`; the generator drops the
 *   safe-integer bounds that zod spells out); string lengths count UTF-16 units like zod;
 * - `anyOf`/`oneOf` take the first option that accepts the value, as zod's unions do.
 * The generator refuses keywords outside this subset, so nothing is silently ignored.
 */
type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

export interface JsonSchema {
  type?: JsonType | readonly JsonType[];
  properties?: { readonly [key: string]: JsonSchema };
  required?: readonly string[];
  additionalProperties?: false;
  items?: JsonSchema;
  enum?: readonly unknown[];
  const?: unknown;
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  /** OpenAPI 3.0's spelling of "or null". */
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  /** A regular expression's source, without flags (zod's `.regex()`). */
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

/** The first place where a value breaks its schema (`path` like `deal.stageId` or `items[2]`). */
export class SchemaError extends Error {
  constructor(readonly path: string) {
    super(`Unexpected value at ${path || 'the top level'}`);
    this.name = 'SchemaError';
  }
}

const isType = (type: JsonType, value: unknown): boolean =>
  type === 'integer'
    ? Number.isSafeInteger(value)
    : type === 'number'
      ? Number.isFinite(value)
      : type === 'null'
        ? value === null
        : type === 'array'
          ? Array.isArray(value)
          : type === 'object'
            ? typeof value === 'object' && value !== null && !Array.isArray(value)
            : typeof value === type;

const outside = (value: number, min = -Infinity, max = Infinity) => value < min || value > max;

/** Where a value broke its schema, while walking: a plain object, since an Error's stack costs (unions try and discard). */
class Miss {
  constructor(readonly path: string) {}
}

/** Patterns compiled once per schema node, not once per checked string. */
const patterns = new WeakMap<JsonSchema, RegExp>();
function patternOf(schema: JsonSchema & { pattern: string }): RegExp {
  let pattern = patterns.get(schema);
  if (!pattern) {
    pattern = new RegExp(schema.pattern);
    patterns.set(schema, pattern);
  }
  return pattern;
}

/** Returns a checked copy of `value`, or throws a SchemaError naming where it went wrong. */
export function parse(schema: JsonSchema, value: unknown, path = ''): unknown {
  const result = walk(schema, value, path);
  if (result instanceof Miss) throw new SchemaError(result.path);
  return result;
}

function walk(schema: JsonSchema, value: unknown, path: string): unknown {
  if (schema.nullable && value === null) return null;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    for (const option of options) {
      const result = walk(option, value, path);
      if (!(result instanceof Miss)) return result;
    }
    return new Miss(path);
  }
  if ('const' in schema && value !== schema.const) return new Miss(path);
  if (schema.enum && !schema.enum.includes(value)) return new Miss(path);
  if (schema.type !== undefined && ![schema.type].flat().some((type) => isType(type, value))) return new Miss(path);

  if (typeof value === 'number') {
    if (outside(value, schema.minimum, schema.maximum)) return new Miss(path);
    if (value <= (schema.exclusiveMinimum ?? -Infinity) || value >= (schema.exclusiveMaximum ?? Infinity))
      return new Miss(path);
  }
  if (typeof value === 'string' || Array.isArray(value)) {
    const text = typeof value === 'string';
    if (outside(value.length, text ? schema.minLength : schema.minItems, text ? schema.maxLength : schema.maxItems))
      return new Miss(path);
    if (text && schema.pattern !== undefined && !patternOf(schema as JsonSchema & { pattern: string }).test(value))
      return new Miss(path);
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items) return [...value];
    const output: unknown[] = [];
    for (let index = 0; index < value.length; index++) {
      const item = walk(items, value[index], `${path}[${index}]`);
      if (item instanceof Miss) return item;
      output.push(item);
    }
    return output;
  }
  if (schema.properties && isType('object', value)) {
    const input = value as Record<string, unknown>;
    const known = schema.properties;
    const output: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(known)) {
      const at = path ? `${path}.${key}` : key;
      const present = Object.hasOwn(input, key);
      if (schema.required?.includes(key)) {
        if (!present) return new Miss(at);
      } else if (input[key] === undefined) {
        if ('default' in property) output[key] = property.default;
        else if (present) output[key] = undefined;
        continue;
      }
      const checked = walk(property, input[key], at);
      if (checked instanceof Miss) return checked;
      output[key] = checked;
    }
    if (schema.additionalProperties === false && Object.keys(input).some((key) => !Object.hasOwn(known, key)))
      return new Miss(path);
    return output;
  }
  return value;
}

/** `parse` for callers that branch on the outcome instead of catching. */
export function safeParse(
  schema: JsonSchema,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; error: SchemaError } {
  try {
    return { ok: true, value: parse(schema, value) };
  } catch (error) {
    if (error instanceof SchemaError) return { ok: false, error };
    throw error;
  }
}
