/**
 * A few-hundred-byte validator for the content script, which must stay small: zod (even
 * zod/mini) would be most of its size. Same discipline as zod: every value from outside is
 * checked and copied; unknown keys are dropped; the first problem throws with its path.
 * The reply mirrors built with it are proven equal to the zod message schemas in the tests.
 */
export type Check<T> = (value: unknown, path: string) => T;
export type Infer<C> = C extends Check<infer T> ? T : never;

export class ValidationError extends Error {
  constructor(path: string, expected: string) {
    super(`${path || 'value'}: expected ${expected}`);
    this.name = 'ValidationError';
  }
}

function fail(path: string, expected: string): never {
  throw new ValidationError(path, expected);
}

export const string: Check<string> = (v, p) => (typeof v === 'string' ? v : fail(p, 'a string'));
export const number: Check<number> = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(p, 'a number'));
export const int: Check<number> = (v, p) => (Number.isInteger(v) ? (v as number) : fail(p, 'an integer'));
export const positiveInt: Check<number> = (v, p) => (Number.isInteger(v) && (v as number) > 0 ? (v as number) : fail(p, 'a positive integer'));
export const boolean: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'a boolean'));

export function oneOf<const T extends readonly string[]>(values: T): Check<T[number]> {
  return (v, p) => (values.includes(v as string) ? (v as T[number]) : fail(p, values.join('|')));
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (v, p) => (v === null ? null : check(v, p));
}

export function array<T>(check: Check<T>): Check<T[]> {
  return (v, p) => (Array.isArray(v) ? v.map((item, i) => check(item, `${p}[${i}]`)) : fail(p, 'an array'));
}

export function object<S extends Record<string, Check<unknown>>>(shape: S): Check<{ [K in keyof S]: Infer<S[K]> }> {
  return (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(p, 'an object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) out[key] = shape[key]((v as Record<string, unknown>)[key], p ? `${p}.${key}` : key);
    return out as { [K in keyof S]: Infer<S[K]> };
  };
}

/** Runs a check; a failure becomes `null` plus the problem, for callers that branch on it. */
export function safeCheck<T>(check: Check<T>, value: unknown): { ok: true; value: T } | { ok: false; problem: string } {
  try {
    return { ok: true, value: check(value, '') };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, problem: error.message };
    throw error;
  }
}
