/**
 * Every way to break a value one step at a time, each with where it broke: a key dropped
 * or set to undefined, and each leaf (or list, or object) replaced by another type, by null,
 * or by a value that only a bound rejects (0, -1, 1.5, 2^53, Infinity, NaN, '', a long text).
 */
export function* corruptions(value: unknown, path: string[] = []): Generator<[string, unknown]> {
  const at = path.join('.') || 'top';
  if (Array.isArray(value)) {
    yield [`${at} → object`, {}];
    yield [`${at} → null`, null];
    yield [`${at} → text`, 'text'];
    for (let i = 0; i < value.length; i++) {
      for (const [where, bad] of corruptions(value[i], [...path, String(i)])) {
        const copy = [...value];
        copy[i] = bad;
        yield [where, copy];
      }
    }
    return;
  }
  if (value && typeof value === 'object') {
    yield [`${at} → array`, []];
    yield [`${at} → null`, null];
    yield [`${at} → text`, 'text'];
    for (const key of Object.keys(value)) {
      const rest = { ...(value as Record<string, unknown>) };
      delete rest[key];
      yield [`${[...path, key].join('.')} missing`, rest];
      yield [`${[...path, key].join('.')} undefined`, { ...rest, [key]: undefined }];
      for (const [where, bad] of corruptions((value as Record<string, unknown>)[key], [...path, key])) {
        yield [where, { ...(value as Record<string, unknown>), [key]: bad }];
      }
    }
    return;
  }
  yield [`${at} → array`, []];
  yield [`${at} → object`, {}];
  yield [`${at} → text`, typeof value === 'string' ? 12 : 'text'];
  yield [`${at} → boolean`, typeof value === 'boolean' ? 'true' : true];
  if (value !== null) yield [`${at} → null`, null];
  if (typeof value === 'number') {
    for (const n of [0, -1, 1.5, 2 ** 53, Number.POSITIVE_INFINITY, Number.NaN])
      if (n !== value) yield [`${at} → ${n}`, n];
  }
  if (typeof value === 'string') {
    yield [`${at} → empty`, ''];
    yield [`${at} → 101 characters`, 'x'.repeat(101)];
    yield [`${at} → another word`, `${value}-other`];
  }
}
