import { dealSelectors as sel } from './selectors';
import { watchDealPage } from './watch';

/** The deal the page shows, as read from its DOM. */
export interface DealPageView {
  dealId: number;
  /** Webasyst's own hint: its Order tab is shown on linked deals; null while the tabs are the previous deal's. */
  orderTab: boolean | null;
}

export interface DealPageEvents {
  /** The deal shown now (null: not a deal page), after every route change or re-render. */
  deal(view: DealPageView | null): void;
  /** The person moved or closed this deal on the page (its stage area changed, soon after their own input). */
  stageChanged(dealId: number): void;
  /** The person came back to this tab (focus, or the tab became visible). */
  returned(): void;
}

export interface DealPageTimings {
  pollMs?: number;
  settleMs?: number;
  /** How long the stage must stay put before it counts as changed (Vue renders in steps). */
  stageSettleMs?: number;
  /** A stage change counts as the person's only this soon after their own click or key. */
  userInputWindowMs?: number;
}

/**
 * Page driver for the CRM 3.x deal page (UI 2.0, a Vue SPA with history routing).
 * It is the only code that reads this page's DOM; everything it answers is re-read on
 * every call, because Vue re-renders the header and the sidebar's content in place.
 * Like the Shop order page's driver, it is started with a host and events: it keeps the
 * host at the top of the sidebar (unless the host is `hidden`) and reports what it sees.
 */
export class DealPageDriver {
  private running: AbortController | null = null;
  private host: HTMLElement | null = null;

  constructor(private readonly win: Window) {}

  start(host: HTMLElement, events: DealPageEvents, timings: DealPageTimings = {}): void {
    this.stop();
    const { stageSettleMs = 800, userInputWindowMs = 30_000 } = timings;
    const running = new AbortController();
    const { signal } = running;
    this.running = running;
    this.host = host;
    const doc = this.doc;
    let shown: number | null = null;
    let stage: { dealId: number | null; signature: string | null } = { dealId: null, signature: null };
    let stageTimer: number | undefined;
    let lastInputAt = -Infinity;

    const watchStage = (dealId: number) => {
      const signature = this.stageSignature(dealId);
      if (signature === null) return;
      const changed = stage.dealId === dealId && stage.signature !== null && stage.signature !== signature;
      stage = { dealId, signature };
      if (!changed || Date.now() - lastInputAt > userInputWindowMs) return;
      this.win.clearTimeout(stageTimer);
      stageTimer = this.win.setTimeout(() => {
        if (shown === dealId && !signal.aborted) events.stageChanged(dealId);
      }, stageSettleMs);
    };
    const onPageChange = () => {
      const dealId = this.isTopFrame() ? this.dealId() : null;
      if (dealId !== shown) {
        shown = dealId;
        this.win.clearTimeout(stageTimer);
        stage = { dealId, signature: null };
      }
      events.deal(dealId === null ? null : { dealId, orderTab: this.orderTabShown(dealId) });
      this.place();
      if (dealId !== null) watchStage(dealId);
    };
    const markInput = (event: Event) => {
      if (event.isTrusted) lastInputAt = Date.now();
    };
    const returned = () => {
      if (doc.visibilityState !== 'hidden') events.returned();
    };
    doc.addEventListener('pointerdown', markInput, { capture: true, signal });
    doc.addEventListener('keydown', markInput, { capture: true, signal });
    doc.addEventListener('visibilitychange', returned, { signal });
    this.win.addEventListener('focus', returned, { signal });
    watchDealPage(this.win, onPageChange, signal, timings);
    signal.addEventListener('abort', () => this.win.clearTimeout(stageTimer));
    onPageChange();
  }

  /** Stops following the page and takes the host off it. */
  stop(): void {
    this.running?.abort();
    this.running = null;
    this.host?.remove();
    this.host = null;
  }

  /** Puts the host where it belongs now: in the sidebar, or off the page while it is hidden or no deal is shown. */
  place(): void {
    const host = this.host;
    if (!host) return;
    if (host.hidden || this.dealId() === null) host.remove();
    else this.attach(host);
  }

  private get doc(): Document {
    return this.win.document;
  }

  /** True in the top frame only: the Order tab's iframe (a Shop order view) is never ours. */
  isTopFrame(): boolean {
    try {
      return this.win.top === this.win;
    } catch {
      // A cross-origin parent throws: then we are certainly a frame.
      return false;
    }
  }

  /** The deal the route shows now, or null on other CRM pages (lists, contacts…). */
  dealId(): number | null {
    const match = sel.dealPath.exec(this.win.location.pathname);
    return match ? Number(match[1]) : null;
  }

  sidebar(): HTMLElement | null {
    return first<HTMLElement>(this.doc, sel.sidebar);
  }

  /**
   * Puts `host` into the sidebar (at its top) unless it is already there. Only the parent is
   * checked, not the position, so a node Vue inserts before ours does not start a tug of war.
   * Returns false while the sidebar is not rendered yet.
   */
  attach(host: HTMLElement): boolean {
    const sidebar = this.sidebar();
    if (!sidebar) return false;
    if (host.parentElement !== sidebar) sidebar.prepend(host);
    return true;
  }

  /**
   * Webasyst's own hint: its "Order" tab is shown only on linked deals. Returns null while
   * the tabs still belong to the previous deal (they are replaced some 100 ms after the URL).
   */
  orderTabShown(dealId: number): boolean | null {
    const tab = this.doc.querySelector<HTMLElement>(sel.orderTab);
    const href = tab?.querySelector('a')?.getAttribute('href') ?? '';
    if (!tab || !hrefIsDeal(href, dealId)) return null;
    return !tab.hidden && tab.style.display !== 'none';
  }

  /**
   * The text of the header's stage/status area (menus excluded), or null when the header
   * shown is not the given deal's yet. A change of it for the same deal means the user
   * moved or closed the deal on this page.
   */
  stageSignature(dealId: number): string | null {
    const header = first<HTMLElement>(this.doc, sel.header);
    if (!header || !this.headerIsDeal(header, dealId)) return null;
    const area = first<HTMLElement>(header, sel.headerStage) ?? header;
    const text = visibleText(area, `${sel.headerMenus}, ${sel.headerTitle}`);
    return text || null;
  }

  /**
   * The header shows "id: N" on the right; the tab links carry /deal/N/. Either one proves
   * the header already belongs to this deal (after a deal-to-deal move the URL changes first).
   */
  private headerIsDeal(header: HTMLElement, dealId: number): boolean {
    const idText = /\bid:\s*(\d+)\b/.exec(header.textContent ?? '');
    if (idText) return Number(idText[1]) === dealId;
    const link = this.doc.querySelector(sel.tabLink);
    return link ? hrefIsDeal(link.getAttribute('href') ?? '', dealId) : false;
  }
}

function first<T extends Element>(root: ParentNode, selectors: readonly string[]): T | null {
  for (const selector of selectors) {
    const found = root.querySelector<T>(selector);
    if (found) return found;
  }
  return null;
}

function hrefIsDeal(href: string, dealId: number): boolean {
  const match = sel.dealPath.exec(href);
  return match !== null && Number(match[1]) === dealId;
}

/** Text of `root` without the subtrees matching `skip`, whitespace collapsed. */
function visibleText(root: HTMLElement, skip: string): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) parts.push(child.nodeValue ?? '');
      else if (child.nodeType === 1 && !(child as Element).matches(skip)) walk(child);
    }
  };
  walk(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
