import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toJsonSchema as toContentJsonSchema } from './zod-to-json-schema';
import { parse, safeParse, SchemaError } from '@/utils/validate/json-schema';
import { corruptions } from '../messaging/corruptions';

/**
 * The interpreter beyond what today's messages use: each keyword zod can emit for the
 * supported subset, held to zod's own verdict and output on valid values and corruptions.
 */
const cases: Array<[string, z.ZodType, unknown[]]> = [
  [
    'bounded numbers',
    z.object({ n: z.number().min(1).max(10), e: z.number().gt(0).lt(1), i: z.number().int().nonnegative() }),
    [
      { n: 1, e: 0.5, i: 0 },
      { n: 10, e: 0.1, i: 9 },
    ],
  ],
  [
    'bounded strings',
    z.object({ s: z.string().min(2).max(3), r: z.string().regex(/^\d+-[a-z]$/) }),
    [
      { s: 'ab', r: '12-x' },
      { s: 'abc', r: '0-z' },
    ],
  ],
  ['lists', z.object({ list: z.array(z.number()).min(1).max(2) }), [{ list: [1] }, { list: [1, 2] }]],
  [
    'defaults and optionals',
    z.object({ d: z.number().default(5), o: z.string().optional(), n: z.boolean().nullable().default(null) }),
    [{}, { d: 1, o: 'x', n: true }],
  ],
  ['strict objects', z.strictObject({ a: z.string() }), [{ a: 'x' }]],
  [
    'unions',
    z.union([z.object({ kind: z.literal('a'), a: z.number() }), z.object({ kind: z.literal('b') })]),
    [{ kind: 'a', a: 1 }, { kind: 'b' }],
  ],
  [
    'discriminated unions',
    z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), v: z.string() }), z.object({ ok: z.literal(false) })]),
    [{ ok: true, v: 'x' }, { ok: false }],
  ],
  [
    'enums and literals',
    z.object({ e: z.enum(['x', 'y']), l: z.literal(3), u: z.unknown() }),
    [
      { e: 'x', l: 3, u: [1, { a: 2 }] },
      { e: 'y', l: 3, u: null },
    ],
  ],
  [
    'nested nullables',
    z.object({ deep: z.array(z.object({ v: z.number().int().nullable() })).nullable() }),
    [{ deep: null }, { deep: [{ v: 1 }, { v: null }] }],
  ],
];

describe.each(cases)('%s', (_name, zodSchema, samples) => {
  const schema = toContentJsonSchema(zodSchema);
  it('match zod on samples and every one-step corruption', () => {
    for (const sample of samples) {
      expect(zodSchema.safeParse(sample).success, 'the sample itself is valid').toBe(true);
      for (const [where, value] of [['sample', sample] as [string, unknown], ...corruptions(sample)]) {
        const expected = zodSchema.safeParse(value);
        const actual = safeParse(schema, value);
        expect({ where, accepted: actual.ok }).toEqual({ where, accepted: expected.success });
        if (expected.success && actual.ok) expect(actual.value, where).toEqual(expected.data);
      }
    }
  });
});

describe('parse', () => {
  const schema = toContentJsonSchema(z.object({ items: z.array(z.object({ id: z.number().int() })) }));

  it('returns a copy without unknown keys, and never the input itself', () => {
    const input = { items: [{ id: 1, html: '<b>' }], token: 'secret' };
    const output = parse(schema, input) as { items: object[] };
    expect(output).toEqual({ items: [{ id: 1 }] });
    expect(output).not.toBe(input);
    expect(output.items).not.toBe(input.items);
  });

  it('names where a value went wrong', () => {
    expect(() => parse(schema, { items: [{ id: 1 }, { id: 'two' }] })).toThrow(new SchemaError('items[1].id'));
    expect(() => parse(schema, { items: [{}] })).toThrow(new SchemaError('items[0].id'));
    expect(() => parse(schema, 5)).toThrow(/the top level/);
  });

  it('takes an own property only: nothing comes from the prototype', () => {
    const inherited = Object.create({ id: 3 }) as object;
    expect(safeParse(toContentJsonSchema(z.object({ id: z.number() })), inherited).ok).toBe(false);
  });

  it('reads OpenAPI’s `nullable` too', () => {
    expect(parse({ type: 'string', nullable: true }, null)).toBeNull();
    expect(safeParse({ type: 'string' }, null).ok).toBe(false);
  });
});

describe('the generator', () => {
  it('refuses keywords the interpreter would not check', () => {
    expect(() => toContentJsonSchema(z.string().email())).toThrow(/format/);
    expect(() => toContentJsonSchema(z.tuple([z.string()]))).toThrow(/prefixItems/);
    expect(() => toContentJsonSchema(z.record(z.string(), z.number()))).toThrow(/not supported/);
    expect(() => toContentJsonSchema(z.looseObject({ a: z.string() }))).toThrow(/strict or stripping/);
  });

  it('drops the safe-integer bounds the interpreter’s `integer` already means', () => {
    expect(toContentJsonSchema(z.number().int())).toEqual({ type: 'integer' });
    expect(toContentJsonSchema(z.number().int().max(10))).toEqual({ type: 'integer', maximum: 10 });
  });
});
