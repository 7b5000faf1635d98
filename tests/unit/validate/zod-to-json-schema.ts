import { z } from 'zod';
import type { JsonSchema } from '@/utils/validate/json-schema';

/**
 * A zod schema as utils/validate/json-schema.ts reads JSON Schemas (zod's own
 * `z.toJSONSchema()`, annotations dropped), so that the interpreter can be held to zod's
 * verdicts. Keywords the interpreter would not check stop it.
 */
const SUPPORTED = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'nullable',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'default',
]);
const IGNORED = new Set(['$schema', 'description', 'title', 'examples']);

function compact(node: unknown, where: string): unknown {
  if (Array.isArray(node)) return node.map((item, i) => compact(item, `${where}[${i}]`));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (IGNORED.has(key)) continue;
    if (!SUPPORTED.has(key))
      throw new Error(`${where}: JSON Schema keyword "${key}" is not supported by utils/validate/json-schema.ts`);
    if (key === 'additionalProperties' && value !== false)
      throw new Error(`${where}: only strict or stripping objects are supported`);
    out[key] =
      key === 'properties'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, compact(v, `${where}.${k}`)]),
          )
        : compact(value, `${where}.${key}`);
  }
  if (out.type === 'integer') {
    if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
    if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
  }
  if (
    (out.anyOf || out.oneOf) &&
    Object.keys(out).some((key) => key !== 'anyOf' && key !== 'oneOf' && key !== 'default')
  ) {
    throw new Error(`${where}: a union with other keywords beside it is not supported`);
  }
  return out;
}

export function toJsonSchema(schema: z.ZodType): JsonSchema {
  return compact(z.toJSONSchema(schema, { io: 'input' }), 'schema') as JsonSchema;
}
