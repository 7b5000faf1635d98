import { browser } from 'wxt/browser';

/** The background's "the order behind this page may have changed" (after a sync cycle). */
const DEAL_PAGE_CHANGED = 'deal-page.changed';

/** Listens for DEAL_PAGE_CHANGED pushes from the background until `signal` aborts. */
export function onDealPageChanged(listener: () => void, signal: AbortSignal): void {
  const handle = (message: unknown) => {
    if (message && typeof message === 'object' && (message as { event?: unknown }).event === DEAL_PAGE_CHANGED)
      listener();
  };
  browser.runtime.onMessage.addListener(handle);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(handle));
}
