/**
 * Calls `onChange` (coalesced) whenever the CRM SPA may have moved to another deal or tab,
 * or re-rendered the header or sidebar. The SPA changes the URL with history.pushState /
 * replaceState, which an isolated content script cannot patch in the page's world, so this
 * listens to what it can see: the SPA's own `spa:navigateType` event on <html>, popstate,
 * DOM mutations, and, as a last resort, a cheap poll of location.href.
 */
export function watchDealPage(
  win: Window,
  onChange: () => void,
  signal: AbortSignal,
  options: { pollMs?: number; settleMs?: number } = {},
): void {
  const { pollMs = 400, settleMs = 25 } = options;
  const doc = win.document;
  let queued = false;
  const schedule = () => {
    if (queued || signal.aborted) return;
    queued = true;
    win.setTimeout(() => {
      queued = false;
      if (!signal.aborted) onChange();
    }, settleMs);
  };

  doc.documentElement.addEventListener('spa:navigateType', schedule, { signal });
  win.addEventListener('popstate', schedule, { signal });

  // The whole body: list → deal creates the deal view from scratch, and deal → deal
  // replaces the header; text updates in place (stage names) are characterData changes.
  // The window's own constructor: the page's realm in tests (happy-dom) as in the browser.
  const Observer = (win as Window & { MutationObserver: typeof MutationObserver }).MutationObserver;
  const observer = new Observer(schedule);
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true, characterData: true });

  let lastHref = win.location.href;
  const poll = win.setInterval(() => {
    if (win.location.href === lastHref) return;
    lastHref = win.location.href;
    schedule();
  }, pollMs);

  signal.addEventListener('abort', () => {
    observer.disconnect();
    win.clearInterval(poll);
  });
}
