import { createWebasystApi } from '../../../utils/api';
import { createBackfillPorts } from '../../../utils/backfill/api-ports';
import type { BackfillPorts } from '../../../utils/backfill/ports';
import type { BackfillDeps } from '../../../utils/backfill/run';
import type { BackfillResult, BackfillRun } from '../../../utils/backfill/model';
import { backfillStore, withStatusOf, type BackfillStore } from '../../../utils/db/backfill';
import { recordWrittenLinks } from '../../../utils/db/echoes';
import { ADMIN_ID, syncFixture, type SyncFixture } from '../sync/sync-fixture';

/** The backfill against the simulated Webasyst: the real API client and backend endpoint, IndexedDB from fake-indexeddb. */
export interface BackfillFixture {
  fx: SyncFixture;
  ports: BackfillPorts;
  activity: unknown[];
  deps(overrides?: Partial<BackfillDeps>): BackfillDeps;
  /** Deals linked to each order (several = a duplicate). */
  dealsPerOrder(): Map<number, number[]>;
}

export const ALL_DATES = { states: [], from: '2000-01-01', to: null, storefronts: [] };

export async function backfillFixture(): Promise<BackfillFixture> {
  const fx = await syncFixture({ settings: { newDeal: { funnelId: 1, stageId: 1 } } });
  const api = createWebasystApi({ baseUrl: fx.sim.url, token: fx.sim.token, timeoutMs: 1500, retry: { attempts: 1 } });
  const ports = createBackfillPorts(api, fx.ports);
  const activity: unknown[] = [];
  return {
    fx,
    ports,
    activity,
    deps: (overrides = {}) => ({
      ports,
      store: backfillStore,
      settings: () => fx.settings,
      now: () => Date.now(),
      random: () => 0.5,
      policy: { baseMs: 5, maxMs: 20, maxAttempts: 4, lostWriteSettleMs: 50 },
      jitterMs: 0,
      concurrency: 5,
      activity: async (entry) => {
        activity.push(entry);
      },
      linksWritten: recordWrittenLinks,
      ...overrides,
    }),
    dealsPerOrder() {
      const map = new Map<number, number[]>();
      for (const deal of fx.sim.state.deals.values()) {
        const match = /^shop:(\d+)$/.exec(deal.externalId ?? '');
        if (match) map.set(Number(match[1]), [...(map.get(Number(match[1])) ?? []), deal.id]);
      }
      return map;
    },
  };
}

/** A second browser's IndexedDB: a store of its own. */
export function memoryStore(): BackfillStore & { rows: BackfillResult[] } {
  let run: BackfillRun | null = null;
  const rows: BackfillResult[] = [];
  return {
    rows,
    getRun: async () => (run ? structuredClone(run) : null),
    putRun: async (next, results = [], options = {}) => {
      run = structuredClone(options.keepStatus && run?.id === next.id ? withStatusOf(next, run) : next);
      for (const r of results) rows[r.seq] = r;
      return structuredClone(run);
    },
    startRun: async (next) => {
      run = structuredClone(next);
      rows.length = 0;
    },
    results: async (from, limit) => rows.slice(from, from + limit),
  };
}

export { ADMIN_ID };
