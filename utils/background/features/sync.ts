import { browser } from 'wxt/browser';
import { defineBackgroundFeature } from '../feature';
import { getApi } from '../../connection/current';
import { onConnectionChanged } from '../../connection/events';
import { loadSettings, updateSettings, watchSettings } from '../../settings/store';
import { defaultSettings, type Settings } from '../../settings/schema';
import { notifyStatusChanged } from '../../badge/status-events';
import { recordActivities, recordActivity } from '../../sync/engine/activity-sink';
import { registerSyncController } from '../../sync/engine/controller';
import { SyncEngine } from '../../sync/engine/engine';
import { createApiPorts } from '../../sync/engine/api-ports';
import type { SyncPorts } from '../../sync/engine/ports';
import { DEFAULT_RETRY_POLICY } from '../../sync/model/retry';
import { dismissItem, retryItem } from '../../sync/items/items';
import { clearSyncData } from '../../db/database';
import { deleteMeta, getMeta, setMeta, updateState } from '../../db/meta';
import { nextOutboxDue, wakeProblems } from '../../db/outbox';
import { countInbox, nextInboxDue } from '../../db/inbox';
import { clearLease } from '../../db/lease';
import { createLinkedDealViaBackend } from '../../backend/create-deal';

/**
 * Runs the sync engine in the background: on the alarm (settings sync.periodMinutes),
 * on "Sync now", on nudges from the order and deal pages, and when a sign-in appears for
 * items waiting for one. Settings changes take effect at once (period, pause, rules).
 *
 * "This browser runs the automatic sync" off: this browser neither watches the feeds nor
 * applies rules — nudges and "Sync now" do nothing here, since the team's runner will see
 * the same changes within its period; items already in this browser's outbox (a retry a
 * person asked for) are still applied.
 */
export const SYNC_ALARM = 'dealbridge.sync';
const RETRY_ALARM = 'dealbridge.sync.retry';

let settings: Settings = defaultSettings();
let ports: SyncPorts | null = null;
let portsBase: string | null = null;

const engine = new SyncEngine({
  get ports(): SyncPorts {
    if (!ports) throw new Error('Dealbridge is not connected');
    return ports;
  },
  settings: () => settings,
  now: () => Date.now(),
  random: Math.random,
  policy: DEFAULT_RETRY_POLICY,
  activity: recordActivity,
  activities: recordActivities,
});

/** Binds the engine to the current connection; false when there is none. */
async function connect(): Promise<boolean> {
  const api = await getApi();
  if (!api) {
    ports = null;
    return false;
  }
  if (!ports || portsBase !== api.baseUrl) {
    const baseUrl = api.baseUrl;
    ports = createApiPorts(api, (params) =>
      createLinkedDealViaBackend(baseUrl, params, {
        fetch: (input, init) => fetch(input, init),
        csrf: async () => (await browser.cookies.get({ url: `${baseUrl}webasyst/`, name: '_csrf' }))?.value ?? null,
      }),
    );
    portsBase = baseUrl;
    await setMeta('baseUrl', baseUrl);
  }
  return true;
}

let timer: ReturnType<typeof setTimeout> | null = null;

async function run(what: () => Promise<unknown>): Promise<void> {
  if (!(await connect())) return;
  try {
    await what();
  } catch (error) {
    console.error('Dealbridge: sync failed', error);
    await updateState({ lastError: error instanceof Error ? error.message : String(error) });
  }
  await scheduleNext();
  notifyStatusChanged();
}

/** The alarm keeps the period; an item due sooner (a retry with backoff) gets a timer and a one-off alarm. */
async function scheduleNext(): Promise<void> {
  const alarm = await browser.alarms.get(SYNC_ALARM);
  const dues = (await Promise.all([nextOutboxDue(), nextInboxDue()])).filter((d): d is number => d !== null);
  const due = dues.length ? Math.min(...dues) : null;
  const now = Date.now();
  if (timer) clearTimeout(timer);
  timer = null;
  if (due !== null && due < (alarm?.scheduledTime ?? Infinity)) {
    const wait = Math.max(0, due - now);
    timer = setTimeout(() => request(), wait + 50);
    await browser.alarms.create(RETRY_ALARM, { when: now + Math.max(wait, 30_000) });
  }
  await updateState({ nextSyncAt: alarm?.scheduledTime ?? null });
}

/** Every trigger asks for the same full cycle; a running one is followed by one more, never two at once. */
function request(): void {
  void run(() => engine.request());
}

function nudge(kind: 'order' | 'deal', id: number): void {
  void run(() => engine.nudge(kind, id));
}

async function applySettings(next: Settings, previous: Settings | null): Promise<void> {
  settings = next;
  await updateState({ paused: next.sync.paused || !next.sync.enabled });
  const period = next.sync.periodMinutes;
  const alarm = await browser.alarms.get(SYNC_ALARM);
  if (!next.sync.enabled || next.sync.paused) {
    await browser.alarms.clear(SYNC_ALARM);
    await updateState({ nextSyncAt: null });
  } else if (!alarm || alarm.periodInMinutes !== period) {
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes: period, delayInMinutes: period });
    await updateState({ nextSyncAt: (await browser.alarms.get(SYNC_ALARM))?.scheduledTime ?? null });
  }
  const resumed = previous && (previous.sync.paused || !previous.sync.enabled) && !next.sync.paused && next.sync.enabled;
  if (resumed) request();
  notifyStatusChanged();
}

export default defineBackgroundFeature({
  name: 'sync',
  start({ router }) {
    registerSyncController({
      request,
      nudge,
      syncing: () => engine.syncing(),
    });

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM || alarm.name === RETRY_ALARM) request();
    });
    // A sign-in (new session cookies) for the installation releases items that waited for one.
    browser.cookies.onChanged.addListener(({ cookie, removed }) => {
      if (removed || (cookie.name !== 'PHPSESSID' && cookie.name !== '_csrf') || !portsBase) return;
      if (new URL(portsBase).hostname !== cookie.domain.replace(/^\./, '')) return;
      void wakeProblems('session_required', Date.now()).then((woken) => woken && request());
    });
    onConnectionChanged(async (change) => {
      if (change.type === 'disconnected' || (change.type === 'connected' && change.previousBaseUrl !== change.baseUrl)) {
        ports = null;
        portsBase = null;
        await clearSyncData();
        await updateState({ paused: settings.sync.paused });
      }
      if (change.type === 'connected') request();
    });

    router.on('sync.nudge', ({ kind, id }) => {
      const accepted = settings.sync.enabled && !settings.sync.paused && settings.sync.runsAutomaticSync;
      if (accepted) nudge(kind, id);
      return { accepted };
    });
    router.on('sync.now', () => {
      const accepted = settings.sync.enabled && !settings.sync.paused;
      if (accepted) request();
      return { accepted };
    });
    router.on('sync.retry', async ({ itemId }) => {
      const accepted = await retryItem(itemId);
      notifyStatusChanged();
      return { accepted };
    });
    router.on('sync.dismiss', async ({ itemId }) => {
      const accepted = await dismissItem(itemId);
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
      void applySettings(next, previous);
    });
    void (async () => {
      // The worker that held the cycle lease before this one is gone (one worker at a time):
      // resume its work now rather than when its lease runs out.
      await clearLease();
      current = await loadSettings();
      await applySettings(current, null);
      // A sync asked for while the worker was starting, work left by a worker that stopped
      // mid-cycle, or a period that passed while the worker slept: run now, else wait for the alarm.
      const [requested, state, due, inbox] = await Promise.all([getMeta('requested'), getMeta('state'), nextOutboxDue(), countInbox()]);
      if (requested) await deleteMeta('requested');
      const stale = !state?.lastSyncAt || Date.now() - state.lastSyncAt > current.sync.periodMinutes * 60_000;
      if (requested || stale || inbox > 0 || (due !== null && due <= Date.now())) request();
    })();
  },
});
