import type { ActivityEntry } from '../messaging/models';

/**
 * Where applied effects are recorded. The background wires the activity log in; the core
 * stays free of it so that it runs as plain functions in tests.
 */
export type ActivitySink = (entry: ActivityEntry) => Promise<void>;

let sink: ActivitySink | null = null;

export function setActivitySink(next: ActivitySink | null): void {
  sink = next;
}

export async function recordActivity(entry: ActivityEntry): Promise<void> {
  if (!sink) return;
  try {
    await sink(entry);
  } catch (error) {
    // The activity log is a convenience; a failure to write it must not undo or repeat an effect.
    console.warn('Dealbridge: could not record activity', error);
  }
}
