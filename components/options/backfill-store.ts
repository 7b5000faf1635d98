import { signal } from '@preact/signals';
import { send as sendMessage, MessageError } from '@/utils/messaging/client';
import type { BackfillFilters } from '@/utils/backfill/model';
import type { BackfillPlanView, BackfillStatusView } from '@/utils/messaging/messages/backfill';

type Send = typeof sendMessage;
/** Rows of the plan shown before starting. */
const PLAN_ROWS = 200;
const POLL_MS = 1000;

/** The "Existing orders" section's state: filters, the plan, the run's progress (polled while it runs). */
export function createBackfillStore(send: Send = sendMessage) {
  const filters = signal<BackfillFilters>({ states: [], from: null, to: null, storefronts: [] });
  const plan = signal<{
    state: 'idle' | 'running' | 'done' | 'error';
    view: BackfillPlanView | null;
    error: string | null;
  }>({ state: 'idle', view: null, error: null });
  const status = signal<BackfillStatusView>({ run: null, leftMs: null });
  const error = signal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;

  const messageOf = (e: unknown) => (e instanceof MessageError || e instanceof Error ? e.message : String(e));

  async function refresh(): Promise<void> {
    try {
      status.value = await send('backfill.status', {});
    } catch (e) {
      error.value = messageOf(e);
    }
    if (timer) clearTimeout(timer);
    timer = status.value.run?.status === 'running' ? setTimeout(() => void refresh(), POLL_MS) : null;
  }

  async function act(type: 'backfill.start' | 'backfill.pause' | 'backfill.resume' | 'backfill.cancel'): Promise<void> {
    error.value = null;
    try {
      status.value = type === 'backfill.start' ? await send(type, { filters: filters.value }) : await send(type, {});
    } catch (e) {
      error.value = messageOf(e);
    }
    await refresh();
  }

  return {
    filters,
    plan,
    status,
    error,
    refresh,
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
    setFilters(patch: Partial<BackfillFilters>) {
      filters.value = { ...filters.value, ...patch };
      // A plan for other filters no longer says what Start would do.
      plan.value = { state: 'idle', view: null, error: null };
    },
    async showPlan() {
      plan.value = { state: 'running', view: null, error: null };
      try {
        plan.value = {
          state: 'done',
          view: await send('backfill.plan', { filters: filters.value, rows: PLAN_ROWS }),
          error: null,
        };
      } catch (e) {
        plan.value = { state: 'error', view: null, error: messageOf(e) };
      }
    },
    start: () => act('backfill.start'),
    pause: () => act('backfill.pause'),
    resume: () => act('backfill.resume'),
    cancel: () => act('backfill.cancel'),
    async downloadCsv() {
      const { filename, csv } = await send('backfill.csv', {});
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
}
export type BackfillStore = ReturnType<typeof createBackfillStore>;
