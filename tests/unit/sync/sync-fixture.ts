import { startSimulator, type Sim } from '../../../sim/server';
import { createWebasystApi } from '../../../utils/api';
import { createApiPorts } from '../../../utils/sync/engine/api-ports';
import { createLinkedDealViaBackend } from '../../../utils/backend/create-deal';
import { SyncEngine } from '../../../utils/sync/engine/engine';
import type { SyncPorts } from '../../../utils/sync/engine/ports';
import { settingsSchema, SETTINGS_VERSION, type Settings } from '../../../utils/settings/schema';
import type { z } from 'zod';

/** Settings as a test writes them: rules may leave out what has a default (e.g. the form choice). */
export type SettingsInput = z.input<typeof settingsSchema>;
import type { ActivityEntry } from '../../../utils/messaging/models';
import { closeSyncDb, SYNC_DB_NAME } from '../../../utils/db/database';

/**
 * The sync engine against the simulated Webasyst, in-process: the real API client over HTTP,
 * the real backend endpoint with a session cookie, and IndexedDB from fake-indexeddb.
 */
export const ADMIN_ID = 1;

/** Funnel 1 ("Sales"): stages 1–5. */
export const SALES_RULES = [
  { actionId: 'process', target: { kind: 'stage', stageId: 2 } },
  { actionId: 'pay', target: { kind: 'stage', stageId: 3 } },
  { actionId: 'ship', target: { kind: 'stage', stageId: 4 } },
  { actionId: 'complete', target: { kind: 'won' } },
] as const;

export interface SyncFixture {
  sim: Sim;
  ports: SyncPorts;
  activity: ActivityEntry[];
  settings: Settings;
  setSettings(patch: Partial<SettingsInput> | ((s: Settings) => SettingsInput)): void;
  /** A new engine over the same IndexedDB (a restarted service worker). */
  engine(options?: { ports?: SyncPorts; clockOffsetMs?: number }): SyncEngine;
  /** Runs cycles until no item is due soon (retries use millisecond backoff here). */
  settle(engine?: SyncEngine, cycles?: number): Promise<void>;
  effects(): string[];
  signIn(): void;
  signOut(): void;
  close(): Promise<void>;
}

export async function syncFixture(
  options: { builtin?: boolean; signedIn?: boolean; settings?: Record<string, unknown> } = {},
): Promise<SyncFixture> {
  const sim = await startSimulator({ builtinIntegration: options.builtin ?? false });
  const api = createWebasystApi({ baseUrl: sim.url, token: sim.token, timeoutMs: 1500, retry: { attempts: 1 } });
  let sessionId: string | null = null;
  const csrf = 'csrf-of-this-browser';
  const signIn = () => {
    sessionId = sim.state.login(sim.login, sim.password)!.id;
  };
  if (options.signedIn ?? true) signIn();
  const backendFetch: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), Cookie: `PHPSESSID=${sessionId ?? ''}; _csrf=${csrf}` },
    });
  const ports = createApiPorts(api, (params) =>
    createLinkedDealViaBackend(sim.url, params, {
      fetch: backendFetch,
      csrf: async () => (sessionId ? csrf : null),
      timeoutMs: 1500,
    }),
  );
  const fixture: SyncFixture = {
    sim,
    ports,
    activity: [],
    settings: settingsSchema.parse({
      version: SETTINGS_VERSION,
      baseUrl: sim.url,
      mappings: [{ funnelId: 1, rules: SALES_RULES }],
      ...options.settings,
    }),
    setSettings(patch) {
      fixture.settings = settingsSchema.parse(
        typeof patch === 'function' ? patch(fixture.settings) : { ...fixture.settings, ...patch },
      );
    },
    engine({ ports: custom, clockOffsetMs = 0 } = {}) {
      return new SyncEngine({
        ports: custom ?? ports,
        settings: () => fixture.settings,
        now: () => Date.now() + clockOffsetMs,
        random: () => 0.5,
        policy: { baseMs: 5, maxMs: 20, maxAttempts: 4, lostWriteSettleMs: 50 },
        createJitterMs: 0,
        activity: async (entry) => {
          fixture.activity.push(entry);
        },
      });
    },
    async settle(engine = fixture.engine(), cycles = 6) {
      for (let i = 0; i < cycles; i++) {
        await engine.request();
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    effects: () => sim.log.effects(),
    signIn,
    signOut() {
      sessionId = null;
    },
    async close() {
      await sim.close();
      await closeSyncDb();
      await new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(SYNC_DB_NAME);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      });
    },
  };
  return fixture;
}

/** Starts the cursors (the first cycle only looks), and forgets the requests it made. */
export async function startedFixture(options?: Parameters<typeof syncFixture>[0]): Promise<SyncFixture> {
  const fixture = await syncFixture(options);
  await fixture.engine().request();
  fixture.sim.log.clear();
  return fixture;
}
