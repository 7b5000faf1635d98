import type { ActivityEntry } from '../../messaging/models';

/**
 * Where applied effects are recorded. The background wires the activity log in; the core
 * stays free of it so that it runs as plain functions in tests. Entries come in batches:
 * a sync batch records its items together.
 */
export type ActivitySink = (entries: readonly ActivityEntry[]) => Promise<void>;

let sink: ActivitySink | null = null;

export function setActivitySink(next: ActivitySink | null): void {
  sink = next;
}

export function recordActivity(entry: ActivityEntry): Promise<void> {
  return recordActivities([entry]);
}

export async function recordActivities(entries: readonly ActivityEntry[]): Promise<void> {
  if (!sink || !entries.length) return;
  try {
    await sink(entries);
  } catch (error) {
    // The activity log is a convenience; a failure to write it must not undo or repeat an effect.
    console.warn('Dealbridge: could not record activity', error);
  }
}
