import type { BuiltinCrmLink, OrderPageDriver, OrderPageEvents, OrderView, ShopUi } from './types';

/** The selectors one UI version uses. Each version's driver file owns its own set. */
export interface OrderPageSelectors {
  /** The app's content area: the same node across order changes (the observer's root). */
  content: string;
  /** The order block, replaced on every order change and after every action. */
  orderBlock: string;
  /** The list view's order pane around the block (absent in the full order view). */
  splitPane: string;
  /** Inside the block: links carrying the order id. */
  orderIdLinks: Array<{ selector: string; pattern: RegExp }>;
  /** Inside the block: the customer link; its href ends in `#/id/<contact id>`. */
  customerLink: string;
  /** Inside the block: an element with `data-state-id`, or null when the UI has none. */
  stateHolder: string | null;
  /** Inside the block: the row of main workflow buttons, where the control goes. */
  actionsRow: string;
  /** Inside the block: workflow action buttons and links (carry `data-action-id`). */
  actionButton: string;
  /** Inside the block: Webasyst's own CRM link ("CRM deal" or "Create deal in CRM"). */
  crmLink: string;
  /** The class that marks the built-in link as "Create deal in CRM". */
  crmCreateClass: string;
}

/** What UI 1.3 and UI 2.0 mark alike (both templates keep these ids and classes). */
export const SHARED_SELECTORS = {
  content: '#s-content',
  orderBlock: '#s-order-block',
  splitPane: '#s-order',
  orderIdLinks: [
    { selector: '#s-order-title a.back.read-mode[href^="#/order/"]', pattern: /^#\/order\/(\d+)\/?$/ },
    { selector: 'a.js-show-print-page[href*="module=order"]', pattern: /[?&]id=(\d+)(?:&|$)/ },
  ],
  actionsRow: 'ul.s-order-actions.workflow-actions',
  actionButton: 'a.wf-action[data-action-id]',
  crmLink: 'a.js-crm-link',
  crmCreateClass: 'js-crm-create-deal',
} satisfies Partial<OrderPageSelectors>;

const CONTROL_ATTR = 'data-dealbridge';
const CONTROL_VALUE = 'order-control';
/** Dispatched by a newly started instance so that a stale one (old extension context) steps aside. */
const TAKEOVER_EVENT = 'dealbridge:order-control:takeover';
/** An action click counts as "completed" if the same order is rebuilt within this time. */
const ACTION_WINDOW_MS = 120_000;
const DEAL_HREF = /\/crm\/deal\/(\d+)(?:\/|$|\?|#)/;
const CUSTOMER_HREF = /#\/id\/(\d+)/;

/**
 * Shared behaviour of the order-page drivers. Subclasses only provide selectors (and the
 * slot element that fits their button row); everything that follows the page lives here:
 * a MutationObserver on the content area puts the control into each new order block
 * synchronously (before the next paint), hash navigation re-checks, and clicks on workflow
 * actions are remembered so that the rebuild that follows is reported as a completed action.
 */
export abstract class ShopOrderPageDriver implements OrderPageDriver {
  abstract readonly ui: ShopUi;
  protected abstract readonly selectors: OrderPageSelectors;

  private slot: HTMLElement | null = null;
  private events: OrderPageEvents | null = null;
  private observer: MutationObserver | null = null;
  private observedRoot: Node | null = null;
  private lastBlock: Element | null = null;
  private lastKey = '';
  private pendingAction: { orderId: number; actionId: string; at: number } | null = null;
  private readonly onMutations = (records: MutationRecord[]) => {
    // Our own slot moving into a new block's row is a mutation too: nothing to read again.
    if (!records.every((record) => this.isOwnMutation(record))) this.sync();
  };
  private readonly onNavigate = () => this.sync();
  private readonly onClick = (event: Event) => this.rememberAction(event);
  private readonly onTakeover = () => this.stop();

  constructor(protected readonly doc: Document) {}

  /** The list item that holds the control inside the actions row (both UIs' row is a list). */
  protected createSlot(): HTMLElement {
    return this.doc.createElement('li');
  }

  start(host: HTMLElement, events: OrderPageEvents): void {
    this.stop();
    host.setAttribute(CONTROL_ATTR, CONTROL_VALUE);
    // A content script from a previous extension context may still be running here.
    const win = this.doc.defaultView;
    const EventCtor = win?.CustomEvent ?? CustomEvent;
    this.doc.dispatchEvent(new EventCtor(TAKEOVER_EVENT));
    for (const stale of Array.from(this.doc.querySelectorAll(`[${CONTROL_ATTR}="${CONTROL_VALUE}"]`))) {
      (stale.closest('[data-dealbridge-slot]') ?? stale).remove();
    }
    this.slot = this.createSlot();
    this.slot.setAttribute('data-dealbridge-slot', '');
    this.slot.append(host);
    this.events = events;
    this.doc.addEventListener(TAKEOVER_EVENT, this.onTakeover);
    this.doc.addEventListener('click', this.onClick, true);
    win?.addEventListener('hashchange', this.onNavigate);
    win?.addEventListener('popstate', this.onNavigate);
    this.observer = new (win?.MutationObserver ?? MutationObserver)(this.onMutations);
    this.sync();
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.observedRoot = null;
    this.doc.removeEventListener(TAKEOVER_EVENT, this.onTakeover);
    this.doc.removeEventListener('click', this.onClick, true);
    this.doc.defaultView?.removeEventListener('hashchange', this.onNavigate);
    this.doc.defaultView?.removeEventListener('popstate', this.onNavigate);
    this.slot?.remove();
    this.slot = null;
    this.events = null;
    this.lastBlock = null;
    this.lastKey = '';
    this.pendingAction = null;
  }

  read(): OrderView | null {
    const block = this.currentBlock();
    return block ? this.readBlock(block) : null;
  }

  /** Runs on every batch of mutations: cheap lookups, and DOM writes only when needed. */
  private sync(): void {
    if (!this.events || !this.slot) return;
    this.observeContent();
    const block = this.currentBlock();
    if (!block) return; // Between an action and the rebuild there is no block; the slot left with the old one.
    const view = this.readBlock(block);
    if (!view) return; // A block without an order id is not finished yet; the next mutation retries.
    const row = block.querySelector(this.selectors.actionsRow);
    if (row && this.slot.parentNode !== row) row.append(this.slot);
    const rebuilt = block !== this.lastBlock;
    const key = JSON.stringify(view);
    if (!rebuilt && key === this.lastKey) return;
    this.lastBlock = block;
    this.lastKey = key;
    const action = this.pendingAction;
    if (rebuilt && action && action.orderId === view.orderId && Date.now() - action.at < ACTION_WINDOW_MS) {
      this.pendingAction = null;
      this.events.actionCompleted(action.orderId, action.actionId);
    } else if (rebuilt && action && action.orderId !== view.orderId) {
      this.pendingAction = null;
    }
    this.events.order(view);
  }

  openActionForm(orderId: number, actionId: string): boolean {
    const block = this.currentBlock();
    if (!block || this.readOrderId(block) !== orderId) return false;
    return this.pressAction(block, actionId);
  }

  createDealLink(orderId: number): Element | null {
    const block = this.currentBlock();
    if (!block || this.readOrderId(block) !== orderId) return null;
    return (
      Array.from(block.querySelectorAll(this.selectors.crmLink)).find((link) =>
        link.classList.contains(this.selectors.crmCreateClass),
      ) ?? null
    );
  }

  /** Clicks the action's own button, as a person would: Shop-Script opens its form in place. */
  private pressAction(block: Element, actionId: string): boolean {
    const button = Array.from(block.querySelectorAll<HTMLElement>(this.selectors.actionButton)).find(
      (element) => element.getAttribute('data-action-id') === actionId,
    );
    if (!button) return false;
    button.click();
    return true;
  }

  private isOwnMutation(record: MutationRecord): boolean {
    const slot = this.slot;
    if (!slot) return false;
    if (slot.contains(record.target)) return true;
    if (record.type !== 'childList') return false;
    const only = (nodes: NodeList) => nodes.length === 0 || (nodes.length === 1 && nodes[0] === slot);
    return (
      record.addedNodes.length + record.removedNodes.length > 0 && only(record.addedNodes) && only(record.removedNodes)
    );
  }

  /** Observes the content area; falls back to the body until it exists or after it is replaced. */
  private observeContent(): void {
    const root = this.doc.querySelector(this.selectors.content) ?? this.doc.body;
    if (!root || root === this.observedRoot || !this.observer) return;
    this.observer.disconnect();
    this.observer.observe(root, { childList: true, subtree: true });
    this.observedRoot = root;
  }

  private currentBlock(): Element | null {
    const content = this.doc.querySelector(this.selectors.content);
    return content?.querySelector(this.selectors.orderBlock) ?? null;
  }

  private readBlock(block: Element): OrderView | null {
    const orderId = this.readOrderId(block);
    if (orderId === null) return null;
    const s = this.selectors;
    return {
      ui: this.ui,
      orderId,
      customerId: this.readCustomerId(block),
      stateId: s.stateHolder ? (block.querySelector(s.stateHolder)?.getAttribute('data-state-id') ?? null) : null,
      layout: block.closest(s.splitPane) ? 'split' : 'full',
      builtin: this.readBuiltin(block),
    };
  }

  private readOrderId(block: Element): number | null {
    for (const { selector, pattern } of this.selectors.orderIdLinks) {
      const href = block.querySelector(selector)?.getAttribute('href') ?? '';
      const id = positiveInt(pattern.exec(href)?.[1]);
      if (id !== null) return id;
    }
    return null;
  }

  private readCustomerId(block: Element): number | null {
    const href = block.querySelector(this.selectors.customerLink)?.getAttribute('href') ?? '';
    return positiveInt(CUSTOMER_HREF.exec(href)?.[1]);
  }

  private readBuiltin(block: Element): BuiltinCrmLink {
    const links = Array.from(block.querySelectorAll(this.selectors.crmLink));
    for (const link of links) {
      // The same class marks "Create deal in CRM": only a deal URL means linked.
      const dealId = positiveInt(DEAL_HREF.exec(link.getAttribute('href') ?? '')?.[1]);
      if (dealId !== null) return { kind: 'linked', dealId };
    }
    if (links.some((link) => link.classList.contains(this.selectors.crmCreateClass))) return { kind: 'unlinked' };
    return { kind: 'absent' };
  }

  private rememberAction(event: Event): void {
    // Duck-typed: the event may come from another realm (frames, tests), where instanceof fails.
    const target = event.target as Element | null;
    if (!target || typeof target.closest !== 'function' || !this.lastBlock) return;
    const button = target.closest(this.selectors.actionButton);
    if (!button || !this.lastBlock.contains(button)) return;
    const actionId = button.getAttribute('data-action-id');
    const view = this.readBlock(this.lastBlock);
    if (actionId && view) this.pendingAction = { orderId: view.orderId, actionId, at: Date.now() };
  }
}

function positiveInt(text: string | undefined): number | null {
  if (!text || !/^\d{1,15}$/.test(text)) return null;
  const value = Number(text);
  return value > 0 ? value : null;
}
