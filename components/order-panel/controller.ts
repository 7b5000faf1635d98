import { h, render } from 'preact';
import type { DealPageDriver } from '@/utils/pages/crm/deal-page';
import { watchDealPage } from '@/utils/pages/crm/watch';
import { OrderPanel } from './OrderPanel';
import orderPanelCss from './styles.css?inline';
import type { DealOrderReply, PanelView } from './view';

/** What the panel needs from the extension; the content script wires these to messages. */
export interface PanelPorts {
  loadDealOrder(dealId: number): Promise<DealOrderReply>;
  retry(itemId: string): Promise<void>;
  nudge(dealId: number): Promise<void>;
}

export interface PanelTimings {
  /** A focus/visibility refresh closer than this to the last load is skipped. */
  minRefreshGapMs?: number;
  /** How long the stage must stay put before the sync is nudged (Vue renders in steps). */
  stageSettleMs?: number;
  /** A stage change counts as the user's only this soon after their own click or key. */
  userInputWindowMs?: number;
  /** After a nudge or a retry, look at the order again this much later. */
  followUpMs?: number;
  pollMs?: number;
  settleMs?: number;
}

export interface OrderPanelHandle {
  host: HTMLElement;
  /** Reload quietly (keeps the current content until the new one arrives). */
  refresh(): void;
}

/**
 * Keeps one order panel in the deal page's sidebar in step with the SPA: the current
 * deal's order, exactly once (a single host element, moved back if Vue drops it), nothing
 * on unlinked deals, and no previous deal's order while the next one loads.
 */
export function startOrderPanel(
  win: Window,
  driver: DealPageDriver,
  ports: PanelPorts,
  signal: AbortSignal,
  timings: PanelTimings = {},
): OrderPanelHandle {
  const { minRefreshGapMs = 2_000, stageSettleMs = 800, userInputWindowMs = 30_000, followUpMs = 4_000 } = timings;
  const doc = win.document;
  const host = doc.createElement('div');
  host.setAttribute('data-dealbridge', 'order-panel');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = orderPanelCss;
  const container = doc.createElement('div');
  shadow.append(style, container);

  let dealId: number | null = null;
  let view: PanelView = { kind: 'hidden' };
  let viewKey = '';
  let seq = 0;
  let inFlight = false;
  let loadedAt = 0;
  const retrying = new Set<string>();
  let stage: { dealId: number | null; signature: string | null } = { dealId: null, signature: null };
  let nudgeTimer: number | undefined;
  let lastUserInputAt = -Infinity;

  const repaint = () => {
    viewKey = JSON.stringify(view);
    paint();
  };

  const paint = () => {
    render(h(OrderPanel, { view, onReload: () => void load(view.kind === 'ready'), onRetry: retry, retrying }), container);
    place();
  };

  const place = () => {
    if (view.kind === 'hidden' || dealId === null) host.remove();
    else driver.attach(host);
  };

  /** Re-renders only when what is shown changed, so a refresh with the same data is invisible. */
  const setView = (next: PanelView) => {
    const key = JSON.stringify(next);
    view = next;
    if (key === viewKey) return place();
    viewKey = key;
    paint();
  };

  async function load(quiet: boolean): Promise<void> {
    const id = dealId;
    if (id === null || signal.aborted) return;
    const mine = ++seq;
    inFlight = true;
    if (!quiet && view.kind !== 'ready' && driver.orderTabShown(id)) setView({ kind: 'loading' });
    try {
      const data = await ports.loadDealOrder(id);
      if (mine !== seq || signal.aborted) return;
      loadedAt = Date.now();
      setView(data.linked ? { kind: 'ready', data, refreshError: false } : { kind: 'hidden' });
    } catch (error) {
      if (mine !== seq || signal.aborted) return;
      loadedAt = Date.now();
      const { code, message } = describe(error);
      if (view.kind === 'ready') setView({ ...view, refreshError: true });
      // Only a deal known (or shown by Webasyst) to be linked gets an error box; an unlinked
      // deal stays free of Dealbridge even when the extension cannot answer.
      else if (view.kind !== 'hidden' || driver.orderTabShown(id)) setView({ kind: 'error', code, message });
    } finally {
      if (mine === seq) inFlight = false;
    }
  }

  const refreshSoon = () => {
    if (dealId === null || doc.visibilityState === 'hidden') return;
    if (Date.now() - loadedAt < minRefreshGapMs || inFlight) return;
    void load(true);
  };

  function retry(itemId: string) {
    if (retrying.has(itemId)) return;
    retrying.add(itemId);
    repaint();
    void ports
      .retry(itemId)
      .catch(() => undefined)
      .then(() => load(true))
      .finally(() => {
        retrying.delete(itemId);
        repaint();
        win.setTimeout(() => void load(true), followUpMs);
      });
  }

  const switchDeal = (id: number | null) => {
    dealId = id;
    seq++;
    inFlight = false;
    retrying.clear();
    win.clearTimeout(nudgeTimer);
    stage = { dealId: id, signature: null };
    // Never show the previous deal's order while the next one loads.
    setView({ kind: 'hidden' });
    if (id !== null) void load(false);
  };

  /** A stage/status change on this page by the user → ask the sync to look at the deal now. */
  const watchStage = (id: number) => {
    const signature = driver.stageSignature(id);
    if (signature === null) return;
    const changed = stage.dealId === id && stage.signature !== null && stage.signature !== signature;
    stage = { dealId: id, signature };
    if (!changed || Date.now() - lastUserInputAt > userInputWindowMs) return;
    win.clearTimeout(nudgeTimer);
    nudgeTimer = win.setTimeout(() => {
      if (dealId !== id || signal.aborted) return;
      void ports.nudge(id).catch(() => undefined);
      win.setTimeout(() => dealId === id && void load(true), followUpMs);
    }, stageSettleMs);
  };

  const onPageChange = () => {
    const id = driver.isTopFrame() ? driver.dealId() : null;
    if (id !== dealId) switchDeal(id);
    else {
      // The tabs of the new deal rendered after its URL: now a loading state is truthful.
      if (id !== null && inFlight && view.kind === 'hidden' && driver.orderTabShown(id)) setView({ kind: 'loading' });
      place();
    }
    if (id !== null) watchStage(id);
  };

  const markInput = (event: Event) => {
    if (event.isTrusted) lastUserInputAt = Date.now();
  };
  doc.addEventListener('pointerdown', markInput, { capture: true, signal });
  doc.addEventListener('keydown', markInput, { capture: true, signal });
  doc.addEventListener('visibilitychange', refreshSoon, { signal });
  win.addEventListener('focus', refreshSoon, { signal });
  watchDealPage(win, onPageChange, signal, timings);
  signal.addEventListener('abort', () => {
    win.clearTimeout(nudgeTimer);
    render(null, container);
    host.remove();
  });
  onPageChange();

  return {
    host,
    refresh: () => {
      if (dealId !== null && !inFlight) void load(true);
    },
  };
}

function describe(error: unknown): { code: string; message: string } {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return { code: error.code, message: error instanceof Error ? error.message : '' };
  }
  return { code: 'internal', message: '' };
}
