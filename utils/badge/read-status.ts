import type { ConnectionView, SyncItem, SyncStatus } from '../messaging/models';

/**
 * One read of everything the popup and the badge show, composed from the connection, the
 * sync engine and the settings. The sources are passed in, so this stays a plain function
 * (tested with fakes) and the background wires the real ones.
 */

interface SyncStateSource {
  lastSyncAt: number | null;
  nextSyncAt: number | null;
  syncing: boolean;
  lastError: string | null;
  paused: boolean;
  pendingCount?: number;
  problemCount?: number;
}

export interface StatusSources {
  connectionView(): Promise<ConnectionView | null>;
  syncState(): Promise<SyncStateSource>;
  syncItems(): Promise<{ pending: SyncItem[]; problems: SyncItem[] }>;
  runsAutomaticSync(): Promise<boolean>;
}

export interface StatusRead {
  status: SyncStatus;
  pending: SyncItem[];
  problems: SyncItem[];
  /** Every problem the source listed (for notifications, which must not forget capped ones). */
  allProblems: SyncItem[];
}

/** Lists sent to the popup are capped (a backlog can be thousands); the counts stay exact. */
export const LIST_CAP = 50;

export async function readStatus(sources: StatusSources): Promise<StatusRead> {
  const [connection, state, items, runsAutomaticSync] = await Promise.all([
    sources.connectionView(),
    sources.syncState(),
    sources.syncItems(),
    sources.runsAutomaticSync(),
  ]);
  // The items list may be capped by its source; a separate count (when given) is the truth.
  const pendingCount = Math.max(state.pendingCount ?? 0, items.pending.length);
  const problemCount = Math.max(state.problemCount ?? 0, items.problems.length);
  return {
    status: {
      connection,
      paused: state.paused,
      runsAutomaticSync,
      syncing: state.syncing,
      lastSyncAt: state.lastSyncAt,
      nextSyncAt: state.nextSyncAt,
      lastError: state.lastError,
      pendingCount,
      problemCount,
    },
    // Problems: newest first, since the newest is what a person just ran into.
    problems: [...items.problems].sort((a, b) => b.since - a.since).slice(0, LIST_CAP),
    pending: items.pending.slice(0, LIST_CAP),
    allProblems: items.problems,
  };
}
