import type { DealPageView } from '@/utils/pages/crm/deal-page';
import { Store } from '../shared/store';
import type { DealOrderReply, PanelView } from './view';

/** What the panel needs from the extension; the content script wires these to messages. */
export interface DealPanelPorts {
  loadDealOrder(dealId: number): Promise<DealOrderReply>;
  retry(itemId: string): Promise<void>;
  nudge(dealId: number): Promise<void>;
}

export interface DealPanelTimings {
  /** A focus/visibility refresh closer than this to the last load is skipped. */
  minRefreshGapMs?: number;
  /** After a nudge or a retry, look at the order again this much later. */
  followUpMs?: number;
}

export interface DealPanelState {
  dealId: number | null;
  view: PanelView;
  /** Problems whose retry is under way (their button waits). */
  retrying: readonly string[];
}

/**
 * What the deal panel shows for the deal the page shows: the linked order, exactly once,
 * nothing on unlinked deals, and no previous deal's order while the next one loads. The
 * page driver reports the deal; the view (loaded on demand) renders this state.
 */
export class DealPanelController extends Store<DealPanelState> {
  private seq = 0;
  private inFlight = false;
  private loadedAt = 0;
  private orderTab: boolean | null = null;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly ports: DealPanelPorts,
    private readonly timings: DealPanelTimings = {},
  ) {
    super({ dealId: null, view: { kind: 'hidden' }, retrying: [] });
  }

  /** The driver reports the deal shown (or none); the same deal again after each re-render. */
  show(page: DealPageView | null): void {
    const dealId = page?.dealId ?? null;
    this.orderTab = page?.orderTab ?? null;
    if (dealId !== this.get().dealId) {
      this.seq++;
      this.inFlight = false;
      this.clearTimers();
      // Never show the previous deal's order while the next one loads.
      this.set({ dealId, view: { kind: 'hidden' }, retrying: [] });
      if (dealId !== null) void this.load(false);
    } else if (dealId !== null && this.inFlight && this.get().view.kind === 'hidden' && this.orderTab) {
      // The tabs of the new deal rendered after its URL: now a loading state is truthful.
      this.setView({ kind: 'loading' });
    }
  }

  /** The person moved or closed the deal on the page: the sync looks at it now. */
  stageChanged(dealId: number): void {
    if (dealId !== this.get().dealId) return;
    void this.ports.nudge(dealId).catch(() => undefined);
    this.later(() => this.get().dealId === dealId && void this.load(true));
  }

  /** Back on the tab: look again, unless the last look was moments ago. */
  returned(): void {
    if (this.get().dealId === null || this.inFlight) return;
    if (Date.now() - this.loadedAt < (this.timings.minRefreshGapMs ?? 2_000)) return;
    void this.load(true);
  }

  /** The background says the order may have changed (after a sync cycle). */
  refresh(): void {
    if (this.get().dealId !== null && !this.inFlight) void this.load(true);
  }

  reload(): void {
    void this.load(this.get().view.kind === 'ready');
  }

  retry(itemId: string): void {
    const { retrying } = this.get();
    if (retrying.includes(itemId)) return;
    this.set({ retrying: [...retrying, itemId] });
    void this.ports
      .retry(itemId)
      .catch(() => undefined)
      .then(() => this.load(true))
      .finally(() => {
        this.set({ retrying: this.get().retrying.filter((id) => id !== itemId) });
        this.later(() => void this.load(true));
      });
  }

  /** The content script ends: no timer may fire after it. */
  dispose(): void {
    this.seq++;
    this.clearTimers();
  }

  private async load(quiet: boolean): Promise<void> {
    const { dealId: id, view } = this.get();
    if (id === null) return;
    const mine = ++this.seq;
    this.inFlight = true;
    if (!quiet && view.kind !== 'ready' && this.orderTab) this.setView({ kind: 'loading' });
    try {
      const data = await this.ports.loadDealOrder(id);
      if (mine !== this.seq) return;
      this.loadedAt = Date.now();
      this.setView(data.linked ? { kind: 'ready', data, refreshError: false } : { kind: 'hidden' });
    } catch (error) {
      if (mine !== this.seq) return;
      this.loadedAt = Date.now();
      const shown = this.get().view;
      if (shown.kind === 'ready') this.setView({ ...shown, refreshError: true });
      // Only a deal known (or shown by Webasyst) to be linked gets an error box; an unlinked
      // deal stays free of Dealbridge even when the extension cannot answer.
      else if (shown.kind !== 'hidden' || this.orderTab) this.setView({ kind: 'error', ...describe(error) });
    } finally {
      if (mine === this.seq) this.inFlight = false;
    }
  }

  /** Tells the view only when what is shown changed, so a refresh with the same data is invisible. */
  private setView(view: PanelView): void {
    if (JSON.stringify(view) !== JSON.stringify(this.get().view)) this.set({ view });
  }

  private later(run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, this.timings.followUpMs ?? 4_000);
    this.timers.add(timer);
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

function describe(error: unknown): { code: string; message: string } {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return { code: error.code, message: error instanceof Error ? error.message : '' };
  }
  return { code: 'internal', message: '' };
}
