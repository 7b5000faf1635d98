/**
 * In-worker signal for connection changes, so that other features react without the
 * connection knowing them: the catalog drops its cache, the sync engine clears the data of
 * a connection that was removed, the popup re-reads its status.
 */
export type ConnectionChange =
  | { type: 'connected'; baseUrl: string; previousBaseUrl: string | null }
  | { type: 'disconnected'; baseUrl: string }
  | { type: 'health'; baseUrl: string };

type Listener = (change: ConnectionChange) => void | Promise<void>;
const listeners = new Set<Listener>();

export function onConnectionChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs every listener; waits for async ones (e.g. clearing a store) and never throws. */
export async function emitConnectionChanged(change: ConnectionChange): Promise<void> {
  await Promise.all(
    [...listeners].map(async (listener) => {
      try {
        await listener(change);
      } catch (error) {
        console.error('Dealbridge: a connection listener failed', error);
      }
    }),
  );
}

/**
 * The data kept for the installation (sync records, the activity log) no longer applies:
 * disconnected, or connected to another installation. Reconnecting to the same one keeps it.
 */
export function leftInstallation(change: ConnectionChange): boolean {
  return change.type === 'disconnected' || (change.type === 'connected' && change.previousBaseUrl !== change.baseUrl);
}
