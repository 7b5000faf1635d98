import { browser } from 'wxt/browser';
import { getApi } from '../connection/current';
import type { WebasystApi } from '../api';
import { defaultSettings, type Settings } from '../settings/schema';
import { notifyStatusChanged } from '../badge/status-events';
import { SyncEngine } from '../sync/engine/engine';
import { createApiPorts } from '../sync/engine/api-ports';
import type { SyncPorts } from '../sync/engine/ports';
import { DEFAULT_RETRY_POLICY } from '../sync/model/retry';
import { setMeta, updateState } from '../db/meta';
import { nextOutboxDue } from '../db/outbox';
import { nextInboxDue } from '../db/inbox';
import { createLinkedDealViaBackend } from '../backend/create-deal';
import type { ActivityRecorder } from './activity-recorder';

export const SYNC_ALARM = 'dealbridge.sync';
export const RETRY_ALARM = 'dealbridge.sync.retry';

/** The sync engine as the background's features use it. */
export interface SyncRunner {
  /** Run a cycle soon (coalesced with one already running). */
  request(): void;
  /** The user acted on this object in the browser: reconcile it now. */
  nudge(kind: 'order' | 'deal', id: number): void;
  /** A cycle is running in this worker. */
  syncing(): boolean;
  /** The settings the engine runs with now. */
  settings(): Settings;
  /** New settings: period, pause and rules take effect at once. */
  applySettings(next: Settings, previous: Settings | null): Promise<void>;
  /** The installation the engine is bound to, if any. */
  connectedBase(): string | null;
  /** The connection ended or changed: bind again on the next run. */
  forgetConnection(): void;
  /** The API and the ports the engine writes through (bound now), for work beside the sync (the backfill); null when not connected. */
  bound(): Promise<{ api: WebasystApi; ports: SyncPorts } | null>;
}

/**
 * The sync engine bound to the current connection and the settings, run on request: one cycle
 * at a time (a request while one runs is followed by one more), each followed by the next
 * wake-up — the period's alarm, or sooner for an item due sooner (a retry with backoff).
 */
export function createSyncRunner(activity: ActivityRecorder): SyncRunner {
  let settings: Settings = defaultSettings();
  let ports: SyncPorts | null = null;
  let portsBase: string | null = null;
  let boundApi: WebasystApi | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const engine = new SyncEngine({
    get ports(): SyncPorts {
      if (!ports) throw new Error('Dealbridge is not connected');
      return ports;
    },
    settings: () => settings,
    now: () => Date.now(),
    random: Math.random,
    policy: DEFAULT_RETRY_POLICY,
    activity: (entry) => activity([entry]),
    activities: activity,
  });

  /** Binds the engine to the current connection; false when there is none. */
  async function connect(): Promise<boolean> {
    const api = await getApi();
    if (!api) {
      ports = null;
      return false;
    }
    boundApi = api;
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
    const wasStopped = previous && (previous.sync.paused || !previous.sync.enabled);
    if (wasStopped && !next.sync.paused && next.sync.enabled) request();
    notifyStatusChanged();
  }

  return {
    request,
    nudge: (kind, id) => void run(() => engine.nudge(kind, id)),
    syncing: () => engine.syncing(),
    settings: () => settings,
    applySettings,
    connectedBase: () => portsBase,
    forgetConnection: () => {
      ports = null;
      portsBase = null;
    },
    bound: async () => ((await connect()) && ports && boundApi ? { api: boundApi, ports } : null),
  };
}
