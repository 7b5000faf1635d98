import { browser } from 'wxt/browser';
import { STATUS_PORT_NAME } from '@/utils/badge/status-events';

/** Fallback re-read while the popup is open, for changes nobody announced (another browser's work). */
const POLL_MS = 5000;

/**
 * Keeps an open popup current: the background pushes "changed" over a port; a slow poll
 * covers the rest and also moves the relative times along. Returns a stop function.
 */
export function keepLive(refresh: () => void): () => void {
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  try {
    port = browser.runtime.connect({ name: STATUS_PORT_NAME });
    port.onMessage.addListener((message: unknown) => {
      if (message && typeof message === 'object' && (message as { changed?: unknown }).changed === true) refresh();
    });
  } catch {
    // No background to talk to (extension reloading): the poll still runs and shows the error.
    port = null;
  }
  const timer = setInterval(refresh, POLL_MS);
  return () => {
    clearInterval(timer);
    port?.disconnect();
  };
}
