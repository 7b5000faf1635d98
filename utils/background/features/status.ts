import { catalog } from '../../api/catalog';
import { browser } from 'wxt/browser';
import { defineBackgroundFeature } from '../feature';
import { activityLog, listActivity } from '../../activity/log';
import { exportActivity } from '../../activity/export';
import { readStatus, type StatusRead, type StatusSources } from '../../badge/read-status';
import { createBadgeUpdater } from '../../badge/updater';
import type { BadgeInput } from '../../badge/state';
import { onStatusChanged, STATUS_PORT_NAME } from '../../badge/status-events';
import { createProblemNotifier, NOTIFICATION_PREFIX, storageSeenStore } from '../../notify/problems';
import { getConnectionView } from '../../connection/current';
import { leftInstallation, onConnectionChanged } from '../../connection/events';
import { getSyncState, listSyncItems } from '../../sync/items/items';
import { loadSettings, watchSettings } from '../../settings/store';

/**
 * What a manager glances at: `status.get` for the popup, the activity log (list, export),
 * the toolbar badge and optional notifications. The badge follows every status change it
 * can hear of without an alarm of its own: the sync engine's `notifyStatusChanged()`,
 * connection and settings changes, appended activity, sync messages and the sync alarm
 * firing; while a cycle runs it looks again every few seconds until the cycle ends.
 */

/** How often the badge looks again while a sync cycle is running. */
const FOLLOW_SYNC_MS = 1500;

function statusSources(syncing: () => boolean): StatusSources {
  return {
    connectionView: getConnectionView,
    syncState: () => getSyncState(syncing),
    syncItems: () => listSyncItems({}, (id) => catalog.orderNumber(id)),
    runsAutomaticSync: async () => (await loadSettings()).sync.runsAutomaticSync,
  };
}

type BadgeRead = BadgeInput & { read: StatusRead };

function toBadgeInput(read: StatusRead): BadgeRead {
  return {
    connection: read.status.connection,
    pendingCount: read.status.pendingCount,
    problemCount: read.status.problemCount,
    paused: read.status.paused,
    read,
  };
}

export default defineBackgroundFeature({
  name: 'status',
  start({ router, sync }) {
    const sources = statusSources(() => sync.syncing());
    const notifier = createProblemNotifier({
      notifications: browser.notifications,
      seen: storageSeenStore(browser.storage.local),
      enabled: async () => (await loadSettings()).notifications.enabled,
    });
    const badge = createBadgeUpdater<BadgeRead>({
      action: browser.action,
      read: async () => toBadgeInput(await readStatus(sources)),
      onShown: (_state, input) => {
        void notifier
          .update({ problems: input.read.allProblems, connection: input.read.status.connection })
          .catch(() => undefined);
        if (input.read.status.syncing) badge.schedule(FOLLOW_SYNC_MS);
      },
    });

    // Open popups hear about changes at once instead of at their next poll.
    const popups = new Set<ReturnType<typeof browser.runtime.connect>>();
    const origin = browser.runtime.getURL('/');
    browser.runtime.onConnect.addListener((port) => {
      if (port.name !== STATUS_PORT_NAME || !port.sender?.url?.startsWith(origin)) return;
      popups.add(port);
      port.onDisconnect.addListener(() => popups.delete(port));
    });
    let pushTimer: ReturnType<typeof setTimeout> | null = null;
    const changed = () => {
      badge.schedule();
      if (pushTimer) return;
      pushTimer = setTimeout(() => {
        pushTimer = null;
        for (const port of popups) {
          try {
            port.postMessage({ changed: true });
          } catch {
            popups.delete(port);
          }
        }
      }, 200);
    };

    onStatusChanged(changed);
    onConnectionChanged(async (change) => {
      // The log belongs to one installation: its links and names mean nothing for another.
      if (leftInstallation(change)) {
        await activityLog.clear();
      }
      changed();
    });
    watchSettings(() => changed());
    browser.alarms.onAlarm.addListener(() => changed());
    // The sync messages are answered by the sync feature; this listener only notices them (returns nothing).
    browser.runtime.onMessage.addListener((message: unknown) => {
      const type = (message as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && type.startsWith('sync.')) changed();
      return undefined;
    });
    browser.notifications.onClicked.addListener((id) => {
      if (!id.startsWith(NOTIFICATION_PREFIX)) return;
      void browser.notifications.clear(id);
      void browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
    });

    router.on('status.get', async ({ activityLimit }) => {
      const [read, activity] = await Promise.all([readStatus(sources), listActivity({ limit: activityLimit + 1 })]);
      // The popup just read the truth: let the badge show the same without a second read.
      void badge.show(toBadgeInput(read)).catch(() => undefined);
      return {
        status: read.status,
        pending: read.pending,
        problems: read.problems,
        activity: activity.slice(0, activityLimit),
        activityHasMore: activity.length > activityLimit,
      };
    });
    router.on('activity.list', async ({ limit, before }) => {
      const entries = await listActivity({ limit: limit + 1, before });
      return { entries: entries.slice(0, limit), hasMore: entries.length > limit };
    });
    router.on('activity.export', async ({ format }) => exportActivity(await activityLog.all(), format, Date.now()));

    badge.schedule(0);
  },
});
