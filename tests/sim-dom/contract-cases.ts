/**
 * The DOM contract between the real Webasyst pages (trimmed DOM in ../shared/webasyst/dom, beside
 * the repo) and the simulator's pages: which selectors to count on which page kind, and the traps
 * dom/README.md lists. Used by the happy-dom contract test and the Chromium e2e test alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const REAL_DOM_DIR = resolve(REPO_ROOT, '../shared/webasyst/dom');

export function readRealDom(file: string): string {
  const path = resolve(REAL_DOM_DIR, file);
  if (!existsSync(path)) {
    throw new Error(
      `Real Webasyst DOM fixture missing: ${path}. The contract tests compare the simulator with the real pages; ` +
        'put the shared/ folder (webasyst/dom) beside the repository.',
    );
  }
  return readFileSync(path, 'utf8');
}

/** Selectors dom/README.md verified on the Shop order pages, plus the anchors its tables name. */
export const SHOP_SELECTORS = [
  '#s-content',
  '#s-order-block',
  '#s-order-title',
  'h1#s-order-title',
  'table#s-order-items',
  '#s-order',
  'ul.workflow-actions',
  '.workflow-actions',
  'p.workflow-actions',
  'ul.s-order-actions.workflow-actions',
  'ul.s-order-actions.workflow-actions a.wf-action[data-action-id]',
  'a.wf-action[data-action-id="comment"]',
  '#workflow-content',
  '.workflow-content',
  '.s-order-customer',
  '.s-order-customer a[href^="?action=customers#/id/"]',
  '.profile a[href^="?action=customers#/id/"]',
  '#s-order-block .s-order-aux',
  '.s-order-aux',
  '#order-list',
  'li.order[data-order-id]',
  'li.order.selected',
  '.js-crm-link',
  'a.js-crm-link[href*="/crm/deal/"]',
  'a.js-crm-create-deal',
  'a.js-crm-create-deal[data-order][data-contact]',
  '#js-crm-backend-order',
  '#js-crm-backend-order a.js-crm-link',
  '[data-state-id]',
  '#s-order-title [data-state-id]',
  '#s-order-title .s-state-with-time[data-state-id]',
  '#s-order-title a.back.read-mode[href^="#/order/"]',
  'a.js-show-print-page[href*="module=order&id="]',
  '.sidebar.right.s-order-aux ul.menu.workflow-actions',
  '.s-order-aux ul.menu-v.with-icons.compact.workflow-actions',
  'ul.menu-h.s-order-actions.workflow-actions',
  '#s-order-title i.icon16',
  'div.profile.image50px',
];

export const CRM_SELECTORS = [
  '#app',
  '#c-spaContainer-block',
  '.deal-container',
  '.deal-container > .deal',
  '.deal-header',
  '.deal-header__title',
  '.deal-header__right',
  'h1.deal-name',
  '.deal-content',
  '.tabs-wrapper',
  '.tab-content',
  '.deal-info-sidebar',
  '.deal-info-sidebar.sidebar.right',
  'ul.tabs',
  'ul.tabs li.tab-item[data-id]',
  'li.tab-item.selected',
  'li.tab-item[data-id="dealOrderTab"]',
  'li.tab-item[data-id="dealOrderTab"][style*="display: none"]',
  'li.tab-item[data-id="dealHistoryTab"].selected',
  'li.tab-item[data-id="dealOrderTab"].selected',
  '.tab-content iframe[src*="module=order"]',
  '#s-order-title',
  'table#s-order-items',
  '#c-content-block',
];

export const FRAME_SELECTORS = [
  'h1#s-order-title',
  'table#s-order-items',
  '#s-order-block',
  '#s-order',
  '.s-order',
  'a[href*="action=orders#/order/"]',
];

export type PageKind = 'order' | 'split' | 'deal' | 'frame';

export interface ContractCase {
  name: string;
  realFile: string;
  kind: PageKind;
  ui: '2.0' | '1.3';
  /** the backend URL (relative to the installation root) of the same page in the simulator */
  path: string;
  orderId?: number;
  dealId?: number;
  tab?: 'history' | 'order';
  /** deal linked to an order */
  linked?: boolean;
  selectors: string[];
}

const shop = (
  name: string,
  realFile: string,
  kind: 'order' | 'split',
  ui: '2.0' | '1.3',
  orderId: number,
): ContractCase => ({
  name,
  realFile,
  kind,
  ui,
  orderId,
  path:
    kind === 'order'
      ? `webasyst/shop/?action=orders#/order/${orderId}/`
      : `webasyst/shop/?action=orders#/orders/id=${orderId}/`,
  selectors: SHOP_SELECTORS,
});

/** One case per real page: the simulated demo shop holds the same orders and deals as the captured one. */
export const CONTRACT_CASES: ContractCase[] = [
  shop('order view, linked, UI 2.0', 'shop-order-linked-ui20.html', 'order', '2.0', 1),
  shop('order view, unlinked, UI 2.0', 'shop-order-unlinked-ui20.html', 'order', '2.0', 3),
  shop('order view, linked, UI 1.3', 'shop-order-linked-ui13.html', 'order', '1.3', 1),
  shop('order view, unlinked, UI 1.3', 'shop-order-unlinked-ui13.html', 'order', '1.3', 3),
  shop('split view, UI 2.0', 'shop-orders-split-ui20.html', 'split', '2.0', 1),
  shop('split view, UI 1.3', 'shop-orders-split-ui13.html', 'split', '1.3', 1),
  {
    name: 'deal, linked',
    realFile: 'crm-deal-linked.html',
    kind: 'deal',
    ui: '2.0',
    dealId: 6,
    tab: 'history',
    linked: true,
    path: 'webasyst/crm/deal/6/',
    selectors: CRM_SELECTORS,
  },
  {
    name: 'deal, unlinked',
    realFile: 'crm-deal-unlinked.html',
    kind: 'deal',
    ui: '2.0',
    dealId: 1,
    tab: 'history',
    linked: false,
    path: 'webasyst/crm/deal/1/',
    selectors: CRM_SELECTORS,
  },
  {
    name: 'deal, Order tab',
    realFile: 'crm-deal-linked-order-tab.html',
    kind: 'deal',
    ui: '2.0',
    dealId: 6,
    tab: 'order',
    linked: true,
    path: 'webasyst/crm/deal/6/order',
    selectors: CRM_SELECTORS,
  },
  {
    name: 'Order tab iframe document',
    realFile: 'crm-deal-linked-order-tab.iframe.html',
    kind: 'frame',
    ui: '2.0',
    orderId: 1,
    path: 'webasyst/crm/?module=order&id=1',
    selectors: FRAME_SELECTORS,
  },
];

export function countAll(root: ParentNode, selectors: string[]): Record<string, number> {
  return Object.fromEntries(selectors.map((s) => [s, root.querySelectorAll(s).length]));
}

/**
 * The counts the simulated page must show: the real page's, except that matches inside the orders
 * list scale with its length (the captured shop listed 7 orders; the simulated one lists its own).
 */
export function expectedCounts(
  realDoc: ParentNode,
  real: Record<string, number>,
  simDoc: ParentNode,
  selectors: string[],
): Record<string, number> {
  const realListed = realDoc.querySelectorAll('#order-list li.order').length;
  const simListed = simDoc.querySelectorAll('#order-list li.order').length;
  return Object.fromEntries(
    selectors.map((s) => {
      if (!realListed) return [s, real[s]];
      const inList = [...realDoc.querySelectorAll(s)].filter((el) => el.closest('#order-list li.order')).length;
      const perItem = s.includes('.selected') ? 0 : inList / realListed;
      if (!Number.isInteger(perItem)) throw new Error(`${s}: ${inList} matches in a list of ${realListed}`);
      return [s, real[s] - inList + (perItem ? perItem * simListed : inList)];
    }),
  );
}

/** A trap from dom/README.md, checked on a simulated page; returns a failure text or null. */
export interface Trap {
  name: string;
  applies(c: ContractCase): boolean;
  check(doc: Document, c: ContractCase): string | null;
}

const hiddenByAncestor = (el: Element | null): boolean => {
  for (let node = el; node; node = node.parentElement)
    if ((node.getAttribute('style') ?? '').replace(/\s/g, '').includes('display:none')) return true;
  return false;
};

export const TRAPS: Trap[] = [
  {
    name: '#s-order exists only in the list views',
    applies: (c) => c.kind === 'order' || c.kind === 'split',
    check: (doc, c) => {
      const pane = doc.querySelector('#s-order');
      if (c.kind === 'order') return pane ? 'found #s-order in the order view' : null;
      return pane?.querySelector('#s-order-block') ? null : 'no #s-order around #s-order-block in the split view';
    },
  },
  {
    name: '.s-order-customer only in UI 2.0',
    applies: (c) => (c.kind === 'order' || c.kind === 'split') && c.ui === '1.3',
    check: (doc) =>
      doc.querySelector('.s-order-customer')
        ? '.s-order-customer present in 1.3'
        : doc.querySelector('div.profile.image50px a[href^="?action=customers#/id/"]')
          ? null
          : 'no div.profile.image50px customer link',
  },
  {
    name: '[data-state-id] only in UI 2.0',
    applies: (c) => (c.kind === 'order' || c.kind === 'split') && c.ui === '1.3',
    check: (doc) =>
      doc.querySelector('[data-state-id]')
        ? '[data-state-id] present in 1.3'
        : doc.querySelector('#s-order-title i.icon16')
          ? null
          : 'no state icon in the 1.3 title',
  },
  {
    name: 'the first .s-order-aux of the 2.0 split view is the hidden loading placeholder',
    applies: (c) => c.kind === 'split' && c.ui === '2.0',
    check: (doc) => {
      const first = doc.querySelector('.s-order-aux');
      if (!first || first.closest('#s-order-block')) return 'first .s-order-aux is inside #s-order-block';
      return hiddenByAncestor(first) ? null : 'the placeholder is not hidden';
    },
  },
  {
    name: '.s-order-aux matches twice in 1.3, #s-order-block .s-order-aux holds the sidebar links',
    applies: (c) => (c.kind === 'order' || c.kind === 'split') && c.ui === '1.3',
    check: (doc) => {
      if (doc.querySelectorAll('.s-order-aux').length !== 2)
        return `.s-order-aux ×${doc.querySelectorAll('.s-order-aux').length}`;
      return doc.querySelector('#s-order-block .s-order-aux ul.workflow-actions .js-crm-link')
        ? null
        : 'no CRM link in #s-order-block .s-order-aux';
    },
  },
  {
    name: 'only an href with /crm/deal/ means linked',
    applies: (c) => c.kind === 'order' || c.kind === 'split',
    check: (doc) => {
      const links = [...doc.querySelectorAll('a.js-crm-link')];
      if (links.length !== 1) return `a.js-crm-link ×${links.length}`;
      const linked = (links[0].getAttribute('href') ?? '').includes('/crm/deal/');
      const create = links[0].classList.contains('js-crm-create-deal');
      return linked !== create ? null : 'link is both or neither';
    },
  },
  {
    name: 'the comment form goes into the timeline .workflow-content (no id), not #workflow-content',
    applies: (c) => c.kind === 'order' || c.kind === 'split',
    check: (doc) => {
      const p = doc.querySelector('p.workflow-actions');
      let next = p?.nextElementSibling ?? null;
      while (next && !next.classList.contains('workflow-content')) next = next.nextElementSibling;
      return next && !next.id ? null : 'no id-less .workflow-content after p.workflow-actions';
    },
  },
  {
    name: 'the Order tab is in every deal, hidden when unlinked',
    applies: (c) => c.kind === 'deal',
    check: (doc, c) => {
      const tab = doc.querySelector('li.tab-item[data-id="dealOrderTab"]');
      if (!tab) return 'no Order tab';
      const hidden = (tab.getAttribute('style') ?? '').includes('display: none');
      return hidden === !c.linked ? null : `Order tab hidden=${hidden} on a ${c.linked ? 'linked' : 'unlinked'} deal`;
    },
  },
];
