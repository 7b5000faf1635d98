/**
 * The running sync engine registers itself here, so that accessors used by other
 * features (popup, pages) can ask it to run without importing the whole runner.
 */
export interface SyncController {
  /** Run a cycle soon (coalesced with one already running). */
  request(reason: string): void;
  /** The user acted on this object in the browser: reconcile it now. */
  nudge(kind: 'order' | 'deal', id: number): void;
  /** A cycle is running in this worker. */
  syncing(): boolean;
}

let current: SyncController | null = null;

export function registerSyncController(controller: SyncController | null): void {
  current = controller;
}

export function syncController(): SyncController | null {
  return current;
}
