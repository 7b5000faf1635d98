import { signal } from '@preact/signals-core';
import type { DealView } from '@/utils/pages/crm/deal-page';
import type { DealOrderReply, PanelView } from './view';
import type { DealPanelMore } from './more-handoff';
import type { DealPanelState, LinkOrderState, MoreHost } from './state';

export type { DealPanelState, LinkOrderState, OrderChoices } from './state';

/** What the panel needs from the extension; the content script wires these to messages. */
export interface PanelPorts {
  loadDealOrder(dealId: number): Promise<DealOrderReply>;
  /** The panel's second script (failures, sync items): injected on first need. */
  loadMore(): Promise<DealPanelMore>;
  retry(itemId: string): Promise<void>;
  nudge(dealId: number): Promise<void>;
}

export interface PanelTimings {
  /** A revisit closer than this to the last load reads nothing. */
  minRefreshGapMs?: number;
  /** After a nudge or a retry, look at the order again this much later. */
  followUpMs?: number;
}

const HIDDEN: PanelView = { kind: 'hidden' };
const INITIAL: DealPanelState = { view: HIDDEN, retrying: [], link: { status: 'closed' } };

/**
 * The deal panel's state and what the person can do with it, free of DOM and Preact like
 * the order control's controller (components/order-control/controller.ts), and holding its
 * state the same way, in one signal. The page driver pushes the deal shown; the panel
 * renders the state. It shows the current deal's order exactly: nothing on pages that are
 * not a deal, never the previous deal's order while the next one loads, and replies for a
 * deal the page has left are dropped.
 */
export class DealPanelController implements MoreHost {
  readonly state = signal<DealPanelState>(INITIAL);
  private deal: DealView | null = null;
  /** Bumped when the page shows another deal (or none): work begun for the old one is dropped. */
  private generation = 0;
  /** Bumped by every read: only the latest read's reply is shown. */
  private seq = 0;
  private inFlight = false;
  private loadedAt = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    readonly ports: PanelPorts,
    private readonly timings: PanelTimings = {},
  ) {}

  get(): DealPanelState {
    return this.state.peek();
  }

  /** Calls `listener` with the state now and after every change; returns the unsubscribe. */
  subscribe(listener: (state: DealPanelState) => void): () => void {
    return this.state.subscribe(listener);
  }

  /** The driver reports the deal shown (or none), again when Webasyst's Order-tab hint changes. */
  show(deal: DealView | null): void {
    const id = deal?.dealId ?? null;
    const same = id === (this.deal?.dealId ?? null);
    this.deal = deal;
    if (same) {
      // The tabs of the new deal rendered after its URL: now a loading state is truthful.
      if (deal?.orderTab && this.inFlight && this.get().view.kind === 'hidden') this.setView({ kind: 'loading' });
      return;
    }
    this.generation++;
    this.seq++;
    this.inFlight = false;
    this.clearTimers();
    // Never show the previous deal's order while the next one loads.
    this.state.value = INITIAL;
    if (id !== null) void this.load(false);
  }

  /** The person moved or closed the deal on the page: the sync looks at it now, the panel a little later. */
  stageChanged(dealId: number): void {
    if (this.deal?.dealId !== dealId) return;
    void this.ports.nudge(dealId).catch(() => undefined);
    this.later(() => this.deal?.dealId === dealId && void this.load(true));
  }

  /** Back on the tab: read again quietly, unless a read is under way or was just made. */
  revisit(): void {
    if (this.deal === null || this.inFlight) return;
    if (Date.now() - this.loadedAt < (this.timings.minRefreshGapMs ?? 2_000)) return;
    void this.load(true);
  }

  /** The background says the order may have changed: read again, keeping what is shown meanwhile. */
  refresh(): void {
    if (this.deal !== null && !this.inFlight) void this.load(true);
  }

  /** "Try again" after a failure. */
  reload(): void {
    void this.load(this.get().view.kind === 'ready');
  }

  retry(itemId: string): void {
    if (this.get().retrying.includes(itemId)) return;
    this.patch({ retrying: [...this.get().retrying, itemId] });
    const generation = this.generation;
    void this.ports
      .retry(itemId)
      .catch(() => undefined)
      .then(() => (generation === this.generation ? this.load(true) : undefined))
      .finally(() => {
        if (generation !== this.generation) return;
        this.patch({ retrying: this.get().retrying.filter((id) => id !== itemId) });
        this.later(() => generation === this.generation && void this.load(true));
      });
  }

  /** "Link an order" opens (the second script then reads the choices) or closes. */
  openPicker(open: boolean): void {
    if (this.get().view.kind === 'unlinked') this.patch({ link: open ? { status: 'loading' } : { status: 'closed' } });
  }

  /** An order was linked to this deal: show it at once. */
  linked(): void {
    void this.load(false);
  }

  /** @internal For the second script's link flow (./link-order.ts), which writes the same state. */
  setLink(link: LinkOrderState): void {
    this.patch({ link });
  }

  /** The content script goes away: no timer or late reply may touch the page afterwards. */
  dispose(): void {
    this.generation++;
    this.seq++;
    this.deal = null;
    this.clearTimers();
  }

  private setView(next: PanelView): void {
    // Only a change of what is shown notifies: a refresh with the same data is invisible.
    if (JSON.stringify(next) !== JSON.stringify(this.get().view)) this.patch({ view: next });
  }

  /** @internal The deal shown now, and a way to tell later whether the page is still on it. */
  current(): { dealId: number; isCurrent: () => boolean } | null {
    const deal = this.deal;
    const generation = this.generation;
    return deal && { dealId: deal.dealId, isCurrent: () => generation === this.generation };
  }

  private async load(quiet: boolean): Promise<void> {
    const deal = this.deal;
    if (deal === null) return;
    const mine = ++this.seq;
    this.inFlight = true;
    if (!quiet && this.get().view.kind !== 'ready' && deal.orderTab) this.setView({ kind: 'loading' });
    try {
      const data = await this.ports.loadDealOrder(deal.dealId);
      if (mine !== this.seq) return;
      this.loadedAt = Date.now();
      this.setView(
        data.linked ? { kind: 'ready', data, refreshError: false } : { kind: 'unlinked', customer: data.customer },
      );
      if (data.linked && this.get().link.status !== 'closed') this.patch({ link: { status: 'closed' } });
    } catch (error) {
      if (mine !== this.seq) return;
      this.loadedAt = Date.now();
      const view = this.get().view;
      if (view.kind === 'ready') this.setView({ ...view, refreshError: true });
      // Only a deal known (or shown by Webasyst) to be linked gets an error box; an unlinked
      // deal stays free of Dealbridge even when the extension cannot answer.
      else if (view.kind !== 'hidden' || this.deal?.orderTab) this.setView({ kind: 'error', ...describe(error) });
    } finally {
      if (mine === this.seq) this.inFlight = false;
    }
  }

  private patch(patch: Partial<DealPanelState>): void {
    this.state.value = { ...this.get(), ...patch };
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
