import { browser } from 'wxt/browser';
import { defineBackgroundFeature } from '../feature';
import { leftInstallation, onConnectionChanged } from '../../connection/events';
import { loadSettings, updateSettings, watchSettings } from '../../settings/store';
import type { Settings } from '../../settings/schema';
import { notifyStatusChanged } from '../../badge/status-events';
import { dismissItem, retryItem } from '../../sync/items/items';
import { clearSyncData } from '../../db/database';
import { deleteMeta, getMeta, updateState } from '../../db/meta';
import { nextOutboxDue, wakeProblems } from '../../db/outbox';
import { countInbox } from '../../db/inbox';
import { clearLease } from '../../db/lease';
import { RETRY_ALARM, SYNC_ALARM } from '../sync-runner';

/**
 * Runs the sync (utils/background/sync-runner.ts) on the alarm (settings sync.periodMinutes),
 * on "Sync now", on nudges from the order and deal pages, and when a sign-in appears for
 * items waiting for one. Settings changes take effect at once (period, pause, rules).
 *
 * "This browser runs the automatic sync" off: this browser neither watches the feeds nor
 * applies rules — nudges and "Sync now" do nothing here, since the team's runner will see
 * the same changes within its period; items already in this browser's outbox (a retry a
 * person asked for) are still applied.
 */
export default defineBackgroundFeature({
  name: 'sync',
  start({ router, sync, activity }) {
    const runner = sync;
    const request = () => runner.request();
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM || alarm.name === RETRY_ALARM) request();
    });
    // A sign-in (new session cookies) for the installation releases items that waited for one.
    browser.cookies.onChanged.addListener(({ cookie, removed }) => {
      const base = runner.connectedBase();
      if (removed || (cookie.name !== 'PHPSESSID' && cookie.name !== '_csrf') || !base) return;
      if (new URL(base).hostname !== cookie.domain.replace(/^\./, '')) return;
      void wakeProblems('session_required', Date.now()).then((woken) => woken && request());
    });
    onConnectionChanged(async (change) => {
      if (leftInstallation(change)) {
        runner.forgetConnection();
        await clearSyncData();
        await updateState({ paused: runner.settings().sync.paused });
      }
      if (change.type === 'connected') request();
    });

    router.on('sync.nudge', ({ kind, id }) => {
      const { sync: now } = runner.settings();
      const accepted = now.enabled && !now.paused && now.runsAutomaticSync;
      if (accepted) runner.nudge(kind, id);
      return { accepted };
    });
    router.on('sync.now', () => {
      const { sync: now } = runner.settings();
      const accepted = now.enabled && !now.paused;
      if (accepted) request();
      return { accepted };
    });
    router.on('sync.retry', async ({ itemId }) => {
      const accepted = await retryItem(itemId, { request });
      notifyStatusChanged();
      return { accepted };
    });
    router.on('sync.dismiss', async ({ itemId }) => {
      const accepted = await dismissItem(itemId, { activity });
      notifyStatusChanged();
      return { accepted };
    });
    router.on('sync.setPaused', async ({ paused }) => {
      await updateSettings((current) => ({ ...current, sync: { ...current.sync, paused } }));
      return { accepted: true };
    });

    let current: Settings | null = null;
    watchSettings((next) => {
      const previous = current;
      current = next;
      void runner.applySettings(next, previous);
    });
    void (async () => {
      // The worker that held the cycle lease before this one is gone (one worker at a time):
      // resume its work now rather than when its lease runs out.
      await clearLease();
      current = await loadSettings();
      await runner.applySettings(current, null);
      // A sync asked for while the worker was starting, work left by a worker that stopped
      // mid-cycle, or a period that passed while the worker slept: run now, else wait for the alarm.
      const [requested, state, due, inbox] = await Promise.all([
        getMeta('requested'),
        getMeta('state'),
        nextOutboxDue(),
        countInbox(),
      ]);
      if (requested) await deleteMeta('requested');
      const stale = !state?.lastSyncAt || Date.now() - state.lastSyncAt > current.sync.periodMinutes * 60_000;
      if (requested || stale || inbox > 0 || (due !== null && due <= Date.now())) request();
    })();
  },
});
