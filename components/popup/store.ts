import { computed, signal } from '@preact/signals';
import { send as sendMessage, MessageError } from '@/utils/messaging/client';
import type { ActivityEntry } from '@/utils/messaging/models';

/** The popup's state: one status snapshot from the background plus the older activity pages the user asked for. */

const ACTIVITY_PAGE = 50;

type Send = typeof sendMessage;
export type StatusSnapshot = Awaited<ReturnType<typeof sendMessage<'status.get'>>>;

export function createPopupStore(send: Send = sendMessage, download: (file: ExportFile) => void = downloadFile) {
  const snapshot = signal<StatusSnapshot | null>(null);
  const loadError = signal<string | null>(null);
  /** The last failed action (retry, pause, export…), shown until the next success. */
  const actionError = signal<string | null>(null);
  const busy = signal<ReadonlySet<string>>(new Set());
  const older = signal<ActivityEntry[]>([]);
  const olderHasMore = signal<boolean | null>(null);
  /** Clock for relative times; refreshed with every snapshot. */
  const now = signal(Date.now());

  const activity = computed(() => mergeActivity(snapshot.value?.activity ?? [], older.value));
  const hasMore = computed(() => olderHasMore.value ?? snapshot.value?.activityHasMore ?? false);

  let loading: Promise<void> | null = null;

  async function refresh(): Promise<void> {
    // A refresh while one is running waits for it instead of stacking up requests.
    if (loading !== null) return loading;
    loading = (async () => {
      try {
        const next = await send('status.get', { activityLimit: ACTIVITY_PAGE });
        // Once older pages are shown, keep what the previous snapshot showed: new entries push
        // the top page down, and without this the entries between the two pages would vanish.
        if (older.value.length > 0 && snapshot.value) older.value = mergeActivity(older.value, snapshot.value.activity);
        snapshot.value = next;
        loadError.value = null;
      } catch (error) {
        loadError.value = messageOf(error);
      } finally {
        now.value = Date.now();
        loading = null;
      }
    })();
    return loading;
  }

  async function showMore(): Promise<void> {
    const last = activity.value[activity.value.length - 1];
    if (!last) return;
    await act(
      'show-more',
      async () => {
        const page = await send('activity.list', { limit: ACTIVITY_PAGE, before: { at: last.at, id: last.id } });
        older.value = mergeActivity(older.value, page.entries);
        olderHasMore.value = page.hasMore;
      },
      false,
    );
  }

  /** Runs one user action: marks it busy, shows its error, then re-reads the status. */
  async function act(key: string, run: () => Promise<unknown>, reload = true): Promise<void> {
    if (busy.value.has(key)) return;
    busy.value = new Set([...busy.value, key]);
    try {
      await run();
      actionError.value = null;
    } catch (error) {
      actionError.value = messageOf(error);
    } finally {
      const next = new Set(busy.value);
      next.delete(key);
      busy.value = next;
    }
    if (reload) await refresh();
  }

  return {
    snapshot,
    loadError,
    actionError,
    busy,
    activity,
    hasMore,
    now,
    refresh,
    showMore,
    syncNow: () => act('sync-now', () => send('sync.now', {})),
    setPaused: (paused: boolean) => act('pause', () => send('sync.setPaused', { paused })),
    retry: (itemId: string) => act(`retry:${itemId}`, () => send('sync.retry', { itemId })),
    dismiss: (itemId: string) => act(`dismiss:${itemId}`, () => send('sync.dismiss', { itemId })),
    exportLog: (format: 'csv' | 'json') =>
      act(`export:${format}`, async () => download(await send('activity.export', { format })), false),
  };
}

export type PopupStore = ReturnType<typeof createPopupStore>;

export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
}

/** Newest first by [at, id], each entry once (a refresh and an older page may overlap). */
function mergeActivity(a: readonly ActivityEntry[], b: readonly ActivityEntry[]): ActivityEntry[] {
  const byId = new Map<string, ActivityEntry>();
  for (const entry of [...b, ...a]) byId.set(entry.id, entry);
  return [...byId.values()].sort((x, y) => y.at - x.at || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0));
}

function messageOf(error: unknown): string {
  if (error instanceof MessageError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Saves a file from the popup through an object URL (no downloads permission needed). */
function downloadFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
