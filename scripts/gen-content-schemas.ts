/**
 * Writes utils/messaging/content-schemas.generated.ts: the JSON Schemas of every message
 * content scripts may send (audience "content"), made by zod's own `z.toJSONSchema()` from
 * the protocol's zod schemas, so the content scripts validate with the same rules as the
 * background without bundling zod. Run it after changing a content message:
 *
 *   npm run gen:content-schemas
 *
 * A unit test fails while the committed file differs from what this would write.
 */
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import * as define from '../utils/messaging/define';
import * as models from '../utils/messaging/models';
import * as orderPage from '../utils/messaging/messages/order-page';
import * as dealPage from '../utils/messaging/messages/deal-page';
import * as sync from '../utils/messaging/messages/sync';
import { protocol } from '../utils/messaging/protocol';
import type { JsonSchema } from '../utils/validate/json-schema';

export const GENERATED_PATH = resolve(fileURLToPath(import.meta.url), '../../utils/messaging/content-schemas.generated.ts');

type Node = { [key: string]: unknown };

/** The keywords utils/validate/json-schema.ts interprets; anything else stops the generator. */
const SUPPORTED = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', 'oneOf', 'nullable',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'default', '$ref',
]);
/** Annotations that do not change what is valid. */
const IGNORED = new Set(['$schema', 'description', 'title', 'examples']);

/** The messages content scripts send, in the protocol's order. */
export function contentMessageTypes(): string[] {
  return Object.entries(protocol)
    .filter(([, def]) => def.audience === 'content')
    .map(([type]) => type);
}

/** 'order.context' → 'orderContext'. */
function identifierOf(type: string): string {
  return type.replace(/[.\-_](\w)/g, (_, c: string) => c.toUpperCase());
}

/** Names shared schemas after their exports (`dealSummarySchema` → `dealSummary`), so the output reads like the source. */
function namedSchemas(): z.core.$ZodRegistry<{ id: string }> {
  const registry = z.registry<{ id: string }>();
  for (const module of [models, orderPage, dealPage, sync]) {
    for (const [name, value] of Object.entries(module)) {
      if (value instanceof z.ZodType) registry.add(value, { id: name.replace(/Schema$/, '') });
    }
  }
  return registry;
}

/** Drops annotations and the safe-integer bounds zod spells out (the interpreter's `integer` is a safe integer). */
function compact(node: unknown, where: string): unknown {
  if (Array.isArray(node)) return node.map((item, i) => compact(item, `${where}[${i}]`));
  if (!node || typeof node !== 'object') return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (IGNORED.has(key)) continue;
    if (!SUPPORTED.has(key) && key !== '$defs') throw new Error(`${where}: JSON Schema keyword "${key}" is not supported by utils/validate/json-schema.ts`);
    if (key === 'additionalProperties' && value !== false) throw new Error(`${where}: only strict or stripping objects are supported`);
    out[key] = key === 'properties' || key === '$defs' ? mapValues(value as Node, (v, k) => compact(v, `${where}.${k}`)) : compact(value, `${where}.${key}`);
  }
  if (out.type === 'integer') {
    if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
    if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
  }
  if ((out.anyOf || out.oneOf) && Object.keys(out).some((key) => key !== 'anyOf' && key !== 'oneOf' && key !== 'default')) {
    throw new Error(`${where}: a union with other keywords beside it is not supported`);
  }
  return out;
}

function mapValues(node: Node, fn: (value: unknown, key: string) => unknown): Node {
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fn(v, k)]));
}

/** One zod schema as the interpreter's JSON Schema, references inlined (the interpreter's own tests use it). */
export function toContentJsonSchema(schema: z.ZodType): JsonSchema {
  return compact(z.toJSONSchema(schema, { io: 'input' }), 'schema') as JsonSchema;
}

const REF = '#/$defs/';

function refName(node: unknown): string | null {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return null;
  const ref = (node as Node).$ref;
  if (typeof ref !== 'string') return null;
  if (!ref.startsWith(REF)) throw new Error(`Unexpected reference ${ref}`);
  return ref.slice(REF.length);
}

function refsIn(node: unknown, found = new Set<string>()): Set<string> {
  const name = refName(node);
  if (name) found.add(name);
  else if (node && typeof node === 'object') for (const value of Object.values(node)) refsIn(value, found);
  return found;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** TypeScript source for a schema: short parts on one line, references as the shared constants' names. */
function source(node: unknown, names: Map<string, string>, indent = ''): string {
  const name = refName(node);
  if (name) return names.get(name)!;
  const inner = `${indent}  `;
  if (Array.isArray(node)) {
    const items = node.map((item) => source(item, names, inner));
    const flat = `[${items.join(', ')}]`;
    if (flat.length <= 100 && !flat.includes('\n')) return flat;
    if (node.some((item) => item !== null && typeof item === 'object')) return `[\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}]`;
    // Lists of names (`required`, `enum`) fill their lines.
    const rows: string[] = [];
    for (const item of items) {
      const last = rows.length - 1;
      if (last >= 0 && inner.length + rows[last].length + item.length + 2 <= 100) rows[last] += ` ${item},`;
      else rows.push(`${item},`);
    }
    return `[\n${rows.map((row) => `${inner}${row}`).join('\n')}\n${indent}]`;
  }
  if (node && typeof node === 'object') {
    const entries = Object.entries(node).map(([k, v]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${source(v, names, inner)}`);
    const flat = entries.length ? `{ ${entries.join(', ')} }` : '{}';
    return flat.length <= 100 && !flat.includes('\n') ? flat : `{\n${entries.map((e) => `${inner}${e},`).join('\n')}\n${indent}}`;
  }
  return typeof node === 'string' && /^[\w .#-]*$/.test(node) ? `'${node}'` : JSON.stringify(node);
}

/** The generated file's text. */
export function generateContentSchemas(): string {
  const types = contentMessageTypes();
  const wrapper = z.object({
    reply: define.replySchema,
    messages: z.object(
      Object.fromEntries(types.map((type) => [type, z.object({ request: protocol[type as keyof typeof protocol].request, response: protocol[type as keyof typeof protocol].response })])),
    ),
  });
  const json = compact(z.toJSONSchema(wrapper, { io: 'input', reused: 'ref', metadata: namedSchemas() }), 'schema') as Node;
  const defs = (json.$defs ?? {}) as Node;
  const messages = ((json.properties as Node).messages as Node).properties as Node;

  // Unnamed shared parts (zod calls them __schemaN) get plain names; every name is one constant.
  const names = new Map<string, string>();
  let unnamed = 0;
  for (const key of Object.keys(defs)) names.set(key, key.startsWith('__schema') ? `shared${unnamed++}` : key);
  const taken = new Set([...names.values(), 'reply', ...types.map(identifierOf)]);
  if (taken.size !== names.size + 1 + types.length) throw new Error('Two generated constants would share a name');

  // Shared constants in dependency order, each before its first use.
  const lines: string[] = [];
  const emitted = new Set<string>();
  const emit = (key: string, trail: string[] = []) => {
    if (emitted.has(key)) return;
    if (trail.includes(key)) throw new Error(`Recursive schema ${[...trail, key].join(' → ')} is not supported`);
    for (const dep of refsIn(defs[key])) emit(dep, [...trail, key]);
    emitted.add(key);
    lines.push(`const ${names.get(key)}: JsonSchema = ${source(defs[key], names)};`, '');
  };
  const reply = (json.properties as Node).reply;
  for (const dep of refsIn(reply)) emit(dep);
  for (const type of types) for (const dep of refsIn(messages[type])) emit(dep);

  lines.push('/** The reply envelope every message gets (define.ts `replySchema`). */');
  lines.push(`export const reply: JsonSchema = ${source(reply, names)};`, '');
  for (const type of types) {
    const parts = (messages[type] as Node).properties as Node;
    lines.push(
      `export const ${identifierOf(type)}: ContentMessage<'${type}'> = {`,
      `  type: '${type}',`,
      `  request: ${source(parts.request, names, '  ')},`,
      `  response: ${source(parts.response, names, '  ')},`,
      '};',
      '',
    );
  }

  return [
    '// Generated by scripts/gen-content-schemas.ts from the zod schemas in utils/messaging. Do not edit:',
    '// change the zod schema, then run `npm run gen:content-schemas`.',
    "import type { JsonSchema } from '../validate/json-schema';",
    "import type { MessageType } from './protocol';",
    '',
    '/** A message content scripts may send, with the JSON Schemas of its request and reply. */',
    'export interface ContentMessage<T extends MessageType> {',
    '  type: T;',
    '  request: JsonSchema;',
    '  response: JsonSchema;',
    '}',
    '',
    ...lines,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(GENERATED_PATH, generateContentSchemas());
  console.log(`Wrote ${relative(process.cwd(), GENERATED_PATH)}`);
}
