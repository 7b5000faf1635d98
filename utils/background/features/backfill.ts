import { browser } from 'wxt/browser';
import { defineBackgroundFeature } from '../feature';
import type { BackgroundServices } from '../feature';
import { createBackfillPorts } from '../../backfill/api-ports';
import { planBackfill } from '../../backfill/plan';
import { retryingReads } from '../../backfill/retrying';
import { runBackfill, setBackfillStatus, startBackfill, type BackfillDeps } from '../../backfill/run';
import { estimateLeftMs } from '../../backfill/model';
import { CSV_HEADER, csvLines } from '../../backfill/csv';
import { backfillStore } from '../../db/backfill';
import { recordWrittenLinks } from '../../db/echoes';
import { CREATE_JITTER_MS } from '../../sync/engine/context';
import { APPLY_CONCURRENCY } from '../../sync/engine/engine';
import { DEFAULT_RETRY_POLICY } from '../../sync/model/retry';
import type { BackfillStatusView } from '../../messaging/messages/backfill';

export const BACKFILL_ALARM = 'dealbridge.backfill';
/** Results read at once for the CSV. */
const CSV_PAGE = 1000;

/**
 * The backfill of existing orders (utils/backfill/): planned and started from the options page,
 * run here beside the sync. A running backfill goes on when the worker starts again and on its
 * alarm (a stopped worker's run is picked up within a minute), one run per worker at a time.
 */
export default defineBackgroundFeature({
  name: 'backfill',
  start(services) {
    const { router } = services;
    let working: Promise<unknown> | null = null;

    const deps = async (): Promise<BackfillDeps> => {
      const bound = await services.sync.bound();
      if (!bound) throw new Error('Dealbridge is not connected');
      return depsOver(services, bound);
    };
    const status = async (): Promise<BackfillStatusView> => {
      const run = await backfillStore.getRun();
      return { run, leftMs: run && run.status !== 'done' ? estimateLeftMs(run) : null };
    };
    /** Works the running backfill on, unless this worker already does. */
    const kick = () => {
      if (working !== null) return;
      working = (async () => {
        try {
          const run = await backfillStore.getRun();
          if (run?.status !== 'running') return;
          await browser.alarms.create(BACKFILL_ALARM, { periodInMinutes: 1 });
          const after = await runBackfill(await deps());
          if (after?.status !== 'running') await browser.alarms.clear(BACKFILL_ALARM);
        } catch (error) {
          console.error('Dealbridge: backfill failed', error);
          const run = await backfillStore.getRun();
          if (run)
            await backfillStore.putRun({
              ...run,
              lastError: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
            });
        } finally {
          working = null;
        }
      })();
    };

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === BACKFILL_ALARM) kick();
    });

    router.on('backfill.plan', async ({ filters, rows }) => {
      const d = await deps();
      return planBackfill(retryingReads(d.ports, d), d.settings(), filters, { rows, now: Date.now() });
    });
    router.on('backfill.start', async ({ filters }) => {
      const current = await backfillStore.getRun();
      // One run at a time: a running or paused one is cancelled first, by a person.
      if (current && (current.status === 'running' || current.status === 'paused'))
        throw new Error('A backfill is already under way');
      await startBackfill(await deps(), filters);
      kick();
      return status();
    });
    router.on('backfill.pause', async () => {
      await setBackfillStatus({ store: backfillStore, now: Date.now }, 'paused');
      return status();
    });
    router.on('backfill.resume', async () => {
      await setBackfillStatus({ store: backfillStore, now: Date.now }, 'running');
      kick();
      return status();
    });
    router.on('backfill.cancel', async () => {
      await setBackfillStatus({ store: backfillStore, now: Date.now }, 'cancelled');
      return status();
    });
    router.on('backfill.status', () => status());
    router.on('backfill.csv', async () => {
      const run = await backfillStore.getRun();
      let csv = `\uFEFF${CSV_HEADER.join(',')}\r\n`;
      for (let from = 0; ; from += CSV_PAGE) {
        const page = await backfillStore.results(from, CSV_PAGE);
        csv += csvLines(page);
        if (page.length < CSV_PAGE) break;
      }
      return {
        filename: `dealbridge-existing-orders-${new Date(run?.startedAt ?? Date.now()).toISOString().slice(0, 10)}.csv`,
        csv,
      };
    });

    // A run the previous worker left running goes on.
    kick();
  },
});

function depsOver(
  services: BackgroundServices,
  bound: NonNullable<Awaited<ReturnType<BackgroundServices['sync']['bound']>>>,
): BackfillDeps {
  return {
    ports: createBackfillPorts(bound.api, bound.ports),
    store: backfillStore,
    settings: () => services.sync.settings(),
    now: Date.now,
    random: Math.random,
    policy: DEFAULT_RETRY_POLICY,
    jitterMs: CREATE_JITTER_MS,
    concurrency: APPLY_CONCURRENCY,
    activity: (entry) => services.activity([entry]),
    linksWritten: recordWrittenLinks,
  };
}
