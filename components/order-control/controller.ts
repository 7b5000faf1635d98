import type { OrderView } from '@/utils/pages/shop/types';
import type { LinkOutcome, LinkRequest } from '@/utils/pages/shop/backend-link';
import type { DealSummary } from '@/utils/messaging/models';
import type { MessageType } from '@/utils/messaging/protocol';
import { ContentMessageError, type Request, type Response } from '@/utils/messaging/content-client';
import { signal } from '@preact/signals-core';

export type OrderContext = Response<'order.context'>;
export type PickerData = Response<'order.pickerData'>;

/**
 * The order control's state and what the user can do with it, free of DOM and Preact so
 * that it is tested on its own. The page driver feeds it the order shown; the UI renders
 * its state and calls its methods. Replies for an order the page has left are dropped.
 */
export interface ControlPorts {
  /** content-client's `send`: validated both ways. */
  request<T extends MessageType>(type: T, payload: Request<T>): Promise<Response<T>>;
  link(orderId: number, link: LinkRequest): Promise<LinkOutcome>;
  /** Presses the shown order's button for an action (Shop-Script's form opens); false when it cannot. */
  openActionForm(orderId: number, actionId: string): boolean;
  /** Goes to another address in this tab. */
  navigate(url: string): void;
}

/** A failure to show: a code the UI translates (unknown codes show `message`). */
export interface Problem {
  code: string;
  message: string;
}

type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; problem: Problem };

export interface NewDealChoice {
  funnelId: number;
  stageId: number;
  ownerId: number;
}

export interface ControlState {
  view: OrderView | null;
  context: Loadable<OrderContext>;
  open: boolean;
  picker: Loadable<PickerData>;
  busy: 'bind' | 'create' | null;
  /** The last bind/create/retry failure, shown in the panel until the next attempt. */
  problem: Problem | null;
  /** A one-off note: linked, or "a new deal was created instead". */
  notice: { kind: 'linked' } | { kind: 'created_instead'; requested: number } | { kind: 'retry_asked' } | null;
  retrying: string | null;
  /**
   * How current the shown context is: a context kept from an earlier view is shown at once
   * but marked `checking` until the refresh returns (`unchecked` if it failed), so a stale
   * stage never passes for the current one.
   */
  freshness: 'fresh' | 'checking' | 'unchecked';
}

/** Orders whose last context is kept: a working session's recent orders, a few KB. */
const CONTEXT_CACHE_SIZE = 50;

const INITIAL: ControlState = {
  view: null,
  context: { status: 'idle' },
  open: false,
  picker: { status: 'idle' },
  busy: null,
  problem: null,
  notice: null,
  retrying: null,
  freshness: 'fresh',
};

export class OrderControlController {
  /** The one state the button and the panel render from (the deal panel's controller holds its own the same way). */
  readonly state = signal<ControlState>(INITIAL);
  /** Bumped whenever the page shows another order: late replies for the old one are ignored. */
  private generation = 0;
  private contextSeq = 0;
  /**
   * The last context read per order: an order shown again (back, next, after an action)
   * renders its final state at once, in the same frame as the block, while a quiet refresh
   * runs; a second render with the same data changes no DOM, so costs no style or layout.
   */
  private readonly contexts = new Map<number, OrderContext>();

  constructor(readonly ports: ControlPorts) {}

  get(): ControlState {
    return this.state.peek();
  }

  /** Calls `listener` with the state now and after every change; returns the unsubscribe. */
  subscribe(listener: (state: ControlState) => void): () => void {
    return this.state.subscribe(listener);
  }

  /** The driver reports the order shown (a new one, or the same one rebuilt). */
  show(view: OrderView): void {
    const same = this.get().view?.orderId === view.orderId;
    if (same) {
      this.set({ view, freshness: this.get().context.status === 'ready' ? 'checking' : 'fresh' });
      void this.loadContext(false);
      return;
    }
    this.generation++;
    const known = this.contexts.get(view.orderId);
    this.state.value = {
      ...INITIAL,
      view,
      context: known ? { status: 'ready', data: known } : INITIAL.context,
      freshness: known ? 'checking' : 'fresh',
    };
    void this.loadContext(!known);
  }

  /** "Connect Dealbridge": the background opens the settings (a page script cannot). */
  openOptions(): void {
    this.ports.request('options.open', {}).catch(() => undefined);
  }

  /** After the user ran an order action: ask the sync to look at this order now. */
  actionCompleted(orderId: number): void {
    this.ports.request('sync.nudge', { kind: 'order', id: orderId }).catch(() => undefined);
  }

  toggle(open = !this.get().open): void {
    // The open panel loads the picker's data itself (./link-flow.ts): it ships with the panel.
    const { problem, notice, picker } = this.get();
    this.set({
      open,
      problem: open ? problem : null,
      notice: open ? notice : null,
      picker: !open && picker.status === 'error' ? { status: 'idle' } : picker,
    });
  }

  reload(): void {
    void this.loadContext(true);
    if (this.get().picker.status === 'error') this.set({ picker: { status: 'idle' } });
  }

  /** Reads the order's context again, keeping what is shown meanwhile. */
  refresh(): Promise<void> {
    return this.loadContext(false);
  }

  /** @internal For the panel's link flow (./link-flow.ts), which ships with the panel's script. */
  setDeal(deal: DealSummary): void {
    const shown = this.get().context;
    const context = shown.status === 'ready' ? shown.data : { connected: true, pending: [], problems: [] };
    this.set({ context: { status: 'ready', data: { ...context, deal } } });
  }

  private async loadContext(showLoading: boolean): Promise<void> {
    const view = this.get().view;
    if (!view) return;
    const generation = this.generation;
    const seq = ++this.contextSeq;
    if (showLoading || this.get().context.status !== 'ready') this.set({ context: { status: 'loading' } });
    try {
      const data = await this.ports.request('order.context', {
        orderId: view.orderId,
        customerId: view.customerId,
        hintDealId: view.builtin.kind === 'linked' ? view.builtin.dealId : null,
      });
      if (generation !== this.generation || seq !== this.contextSeq) return;
      // The usual refresh of a cached order brings the same data: only the "checking" mark goes.
      const shown = this.get().context;
      if (shown.status !== 'ready' || JSON.stringify(shown.data) !== JSON.stringify(data))
        this.set({ context: { status: 'ready', data }, freshness: 'fresh' });
      else if (this.get().freshness !== 'fresh') this.set({ freshness: 'fresh' });
    } catch (error) {
      if (generation !== this.generation || seq !== this.contextSeq) return;
      // A refresh that fails keeps what is shown, marked as not checked; only a first load shows the failure.
      if (this.get().context.status !== 'ready') this.set({ context: { status: 'error', problem: toProblem(error) } });
      else this.set({ freshness: 'unchecked' });
    }
  }

  /** Connected and the order has no deal: the panel offers the picker. */
  isUnlinked(): boolean {
    const { context } = this.get();
    return context.status === 'ready' && context.data.connected && !context.data.deal;
  }

  /** @internal The order shown now: a reply for an older one is stale. */
  get currentGeneration(): number {
    return this.generation;
  }

  /** @internal For the panel's link flow. */
  set(patch: Partial<ControlState>): void {
    const next = { ...this.get(), ...patch };
    const { view, context } = next;
    if (patch.context && view && context.status === 'ready') this.remember(view.orderId, context.data);
    this.state.value = next;
  }

  private remember(orderId: number, data: OrderContext): void {
    // Re-inserted last, so the oldest entry is the one dropped when the cache is full.
    this.contexts.delete(orderId);
    this.contexts.set(orderId, data);
    if (this.contexts.size > CONTEXT_CACHE_SIZE) this.contexts.delete(this.contexts.keys().next().value!);
  }
}

/** Background and transport failures keep their code; the UI words them. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ContentMessageError) {
    const code = error.code === 'network' || error.code === 'timeout' ? 'unreachable' : error.code;
    return { code, message: error.message };
  }
  return { code: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** Whether Webasyst's own "CRM deal" link names another deal than Dealbridge found. */
export function builtinDisagreement(state: ControlState): { builtin: number; found: number | null } | null {
  const view = state.view;
  if (view?.builtin.kind !== 'linked' || state.context.status !== 'ready' || !state.context.data.connected) return null;
  const found = state.context.data.deal?.id ?? null;
  return found === view.builtin.dealId ? null : { builtin: view.builtin.dealId, found };
}
