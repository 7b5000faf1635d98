import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MessageRouter } from '@/utils/messaging/router';
import { mountOrderControl } from '@/components/order-control/mount';
import { send } from '@/utils/messaging/content-client';
import type { LinkOutcome, LinkRequest } from '@/utils/pages/shop/backend-link';
import type { OrderView } from '@/utils/pages/shop/types';
import type { PanelModule } from '@/components/order-control/panel-handoff';
import type { DealSummary, SyncItem } from '@/utils/messaging/models';

/**
 * Mounts the real control with the real content-script client, talking through fakeBrowser to
 * a real MessageRouter (so replies pass the zod schemas first, then the content script's
 * own checks) whose handlers the test provides.
 */
const mounted: Array<() => void> = [];

/**
 * Drops the focus, then unmounts every control. The order matters: happy-dom keeps a removed
 * element as the document's focus and later fails to find its root (in the next test's
 * focus checks), so the innermost focused element is blurred while it is still attached.
 */
export function cleanupControls(): void {
  let active = document.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  active?.blur?.();
  for (const unmount of mounted.splice(0)) unmount();
  document.body.innerHTML = '';
}

/** The content script gets the panel injected by the background; here it is imported. */
export const importPanel = () => import('@/components/order-control/panel-mount').then((m) => m.panelModule);

export function mountControl(loadPanel: () => Promise<PanelModule> = importPanel) {
  const router = new MessageRouter();
  fakeBrowser.runtime.onMessage.addListener((message: unknown) =>
    router.handle(message, { trusted: false, tabId: 1, url: 'http://shop.test/webasyst/shop/?action=orders' }),
  );
  const link = vi.fn<(orderId: number, link: LinkRequest) => Promise<LinkOutcome>>();
  const host = document.createElement('div');
  document.body.append(host);
  const openActionForm = vi.fn<(orderId: number, actionId: string) => boolean>(() => false);
  const navigate = vi.fn<(url: string) => void>();
  const control = mountOrderControl(host, { request: send, link, loadPanel, openActionForm, navigate });
  mounted.push(control.unmount);
  const root = host.shadowRoot!;
  const $ = <E extends Element = HTMLElement>(hook: string) =>
    root.querySelector<E & HTMLElement>(`[data-dealbridge="${hook}"]`);
  const $$ = (hook: string) => Array.from(root.querySelectorAll<HTMLElement>(`[data-dealbridge="${hook}"]`));
  return {
    router,
    link,
    openActionForm,
    navigate,
    host,
    root,
    $,
    $$,
    controller: control.controller,
    unmount: control.unmount,
  };
}

export function orderView(patch: Partial<OrderView> = {}): OrderView {
  return {
    ui: '2.0',
    orderId: 3,
    customerId: 4,
    stateId: 'paid',
    layout: 'full',
    builtin: { kind: 'unlinked' },
    ...patch,
  };
}

export function deal(patch: Partial<DealSummary> = {}): DealSummary {
  return {
    id: 7,
    name: 'Keyboards for Novak',
    funnelId: 1,
    funnelName: 'Sales',
    funnelColor: '#6bb532',
    stageId: 2,
    stageName: 'Needs Defining',
    stageColor: '#BFDFA7',
    status: 'OPEN',
    ownerName: 'Admin Tester',
    amount: 250,
    currency: 'USD',
    createdAt: '2026-11-29T02:32:31.000000Z',
    url: 'http://shop.test/webasyst/crm/deal/7/',
    ...patch,
  };
}

export function syncItem(patch: Partial<SyncItem> = {}): SyncItem {
  return {
    id: 'item-1',
    status: 'problem',
    orderId: 3,
    orderNumber: '#1003',
    dealId: 7,
    dealName: 'Keyboards for Novak',
    effect: 'Move the deal to “Proposal Making”',
    reason: 'Order #1003: Paid',
    problem: 'Webasyst answered 500.',
    since: 1_700_000_000_000,
    attempts: 5,
    orderUrl: null,
    dealUrl: null,
    runInShop: null,
    waitReason: null,
    nextTryAt: null,
    lastError: null,
    ...patch,
  };
}

export const PICKER = {
  deals: [
    deal(),
    deal({
      id: 9,
      name: 'Office chairs',
      funnelId: 2,
      funnelName: 'Wholesale B2B',
      stageId: 7,
      stageName: 'Offer',
      amount: null,
    }),
  ],
  funnels: [
    {
      id: 1,
      name: 'Sales',
      color: '#6bb532',
      isArchived: false,
      stages: [
        { id: 1, name: 'Lead In', color: null },
        { id: 2, name: 'Needs Defining', color: null },
      ],
    },
    {
      id: 2,
      name: 'Wholesale B2B',
      color: null,
      isArchived: false,
      stages: [
        { id: 6, name: 'Inquiry', color: null },
        { id: 7, name: 'Offer', color: null },
      ],
    },
    { id: 3, name: 'Old', color: null, isArchived: true, stages: [{ id: 10, name: 'Only', color: null }] },
  ],
  users: [
    { id: 1, name: 'Admin Tester' },
    { id: 6, name: 'Olga Petrova' },
  ],
  me: { id: 1, name: 'Admin Tester' },
  defaults: { funnelId: 2, stageId: 7 },
  newDealName: 'Order #1003',
  orderNumber: '#1003',
};

/** Polls until `check` passes (UI updates arrive after message round trips). */
export async function waitFor<T>(check: () => T, timeoutMs = 2000): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    let value: T | undefined;
    try {
      value = check();
    } catch {
      value = undefined;
    }
    if (value) return value as NonNullable<T>;
    if (Date.now() - start > timeoutMs) throw new Error('waitFor timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function key(target: Element, name: string) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, composed: true }));
}

export function type(input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
