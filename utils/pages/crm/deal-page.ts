import type { PageDriver } from '../driver';
import { dealSelectors as sel } from './selectors';
import { watchDealPage } from './watch';

/** The deal the page shows. */
export interface DealView {
  dealId: number;
  /** Webasyst's own hint that the deal is linked (its Order tab shows); null while unknown. */
  orderTab: boolean | null;
}

export interface DealPageEvents {
  /** Another deal (or none: a list, a contact…), or the same deal's Order-tab hint changed. */
  deal(view: DealView | null): void;
  /** The person moved or closed the shown deal on this page (the header settled on a new stage). */
  stageChanged(dealId: number): void;
  /** The person came back to this tab (focus, or the tab became visible). */
  revisit(): void;
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
 * Started with a host, it keeps the host at the top of the sidebar of every deal shown
 * (off the page elsewhere) and pushes the deal shown, stage changes and revisits.
 */
export class DealPageDriver implements PageDriver<DealPageEvents> {
  private running: AbortController | null = null;

  constructor(
    private readonly win: Window,
    private readonly timings: DealPageTimings = {},
  ) {}

  start(host: HTMLElement, events: DealPageEvents): void {
    this.stop();
    const running = new AbortController();
    this.running = running;
    const { signal } = running;
    const { stageSettleMs = 800, userInputWindowMs = 30_000 } = this.timings;
    const doc = this.doc;
    let shown: DealView | null = null;
    let stage: { dealId: number | null; signature: string | null } = { dealId: null, signature: null };
    let stageTimer: number | undefined;
    let lastUserInputAt = -Infinity;

    const watchStage = (id: number) => {
      const signature = this.stageSignature(id);
      if (signature === null) return;
      const changed = stage.dealId === id && stage.signature !== null && stage.signature !== signature;
      stage = { dealId: id, signature };
      if (!changed || Date.now() - lastUserInputAt > userInputWindowMs) return;
      this.win.clearTimeout(stageTimer);
      stageTimer = this.win.setTimeout(() => {
        if (!signal.aborted && this.dealId() === id) events.stageChanged(id);
      }, stageSettleMs);
    };
    const onPageChange = () => {
      const id = this.isTopFrame() ? this.dealId() : null;
      const view = id === null ? null : { dealId: id, orderTab: this.orderTabShown(id) };
      if (view) this.attach(host);
      else host.remove();
      if (view?.dealId !== shown?.dealId) {
        this.win.clearTimeout(stageTimer);
        stage = { dealId: id, signature: null };
      }
      if (view?.dealId !== shown?.dealId || view?.orderTab !== shown?.orderTab) {
        shown = view;
        events.deal(view);
      }
      if (id !== null) watchStage(id);
    };
    const markInput = (event: Event) => {
      if (event.isTrusted) lastUserInputAt = Date.now();
    };
    const revisit = () => {
      if (doc.visibilityState !== 'hidden') events.revisit();
    };
    doc.addEventListener('pointerdown', markInput, { capture: true, signal });
    doc.addEventListener('keydown', markInput, { capture: true, signal });
    doc.addEventListener('visibilitychange', revisit, { signal });
    this.win.addEventListener('focus', revisit, { signal });
    watchDealPage(this.win, onPageChange, signal, this.timings);
    signal.addEventListener('abort', () => {
      this.win.clearTimeout(stageTimer);
      host.remove();
    });
    onPageChange();
  }

  stop(): void {
    this.running?.abort();
    this.running = null;
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
