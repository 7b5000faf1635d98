/**
 * A tiny in-worker signal: "what the popup and the badge show may have changed".
 * The sync engine and the connection call `notifyStatusChanged()` after a cycle, a new
 * problem, a retry, a dismiss, pause/resume or a connection change; the badge and any
 * open popup re-read the status. Calls are cheap and may repeat: listeners are debounced
 * by their owners, and a throwing listener never breaks the caller.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

export function notifyStatusChanged(): void {
  for (const listener of [...listeners]) {
    try {
      listener();
    } catch (error) {
      console.error('Dealbridge: a status listener failed', error);
    }
  }
}

/** Returns a function that unsubscribes. */
export function onStatusChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * An open popup connects a runtime port with this name; the background posts `{ changed: true }`
 * on it after each status change, so the popup re-reads instead of waiting for its next poll.
 */
export const STATUS_PORT_NAME = 'dealbridge.status';
