import { appendActivities } from '../activity/log';
import { notifyStatusChanged } from '../badge/status-events';
import type { ActivityEntry } from '../messaging/models';

/** Records applied effects in the activity log (several at once, in one transaction). */
export type ActivityRecorder = (entries: readonly ActivityEntry[]) => Promise<void>;

/**
 * The activity log as the sync engine and the item actions write to it. The log is a
 * convenience: a failure to write it must not undo or repeat an effect, so it is logged, not thrown.
 */
export function createActivityRecorder(): ActivityRecorder {
  return async (entries) => {
    if (!entries.length) return;
    try {
      await appendActivities(entries);
      notifyStatusChanged();
    } catch (error) {
      console.warn('Dealbridge: could not record activity', error);
    }
  };
}
