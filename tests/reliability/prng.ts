/** A small seeded PRNG (mulberry32): the same seed gives the same run, so a failure reproduces. */
export interface Rng {
  (): number;
  int(maxExclusive: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rng;
  next.int = (max) => Math.floor(next() * max);
  next.pick = (list) => {
    if (!list.length) throw new Error('pick from an empty list');
    return list[next.int(list.length)];
  };
  next.chance = (p) => next() < p;
  return next;
}
