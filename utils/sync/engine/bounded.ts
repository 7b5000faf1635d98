/**
 * Runs independent tasks a few at a time. Tasks that share a key (an order, a deal) never run
 * at the same time, and keep their order: a task waits until every earlier task with one of
 * its keys has finished. The result is what the same tasks run one by one would give, per
 * object, while unrelated objects overlap their network waits.
 */
export async function runBounded<T>(
  items: readonly T[],
  keysOf: (item: T) => readonly string[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  const waiting = items.map((item) => ({ item, keys: keysOf(item) }));
  const busy = new Set<string>();
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;

  const startReady = () => {
    // Keys of tasks that were passed over: a later task with one of them must not overtake.
    const blocked = new Set<string>();
    for (let i = 0; i < waiting.length && running.size < limit; ) {
      const { item, keys } = waiting[i];
      if (keys.some((k) => busy.has(k) || blocked.has(k))) {
        for (const k of keys) blocked.add(k);
        i++;
        continue;
      }
      waiting.splice(i, 1);
      for (const k of keys) busy.add(k);
      const task: Promise<void> = run(item)
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          for (const k of keys) busy.delete(k);
          running.delete(task);
        });
      running.add(task);
    }
  };

  startReady();
  while (running.size) {
    await Promise.race(running);
    if (failure) break;
    startReady();
  }
  // A failure stops new work; what already runs finishes (each step is recorded as it goes).
  await Promise.all(running);
  if (failure) throw (failure as { error: unknown }).error;
}
