import type { ActivityEntry, ConnectionView, SyncItem } from '@/utils/messaging/models';

export const BASE = 'https://shop.example.com/';

export function activityEntry(overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    id: 'a1',
    at: Date.UTC(2024, 4, 1, 9, 30),
    kind: 'deal_moved',
    outcome: 'applied',
    orderId: 3,
    orderNumber: '#1003',
    dealId: 6,
    dealName: 'Office chairs',
    from: null,
    to: 'Invoice sent',
    rule: 'Paid → Invoice sent',
    funnelName: 'Sales',
    trigger: 'Order #1003: Paid',
    ...overrides,
  };
}

export function syncItem(overrides: Partial<SyncItem> = {}): SyncItem {
  return {
    id: 'item-1',
    status: 'problem',
    orderId: 3,
    orderNumber: '#1003',
    dealId: 6,
    dealName: 'Office chairs',
    effect: 'Run “Complete” on the order',
    reason: 'Deal won (rule: Won → Complete, funnel Sales)',
    problem: 'Shop-Script does not offer this action now: the order is New.',
    since: Date.now() - 5 * 60_000,
    attempts: 3,
    orderUrl: `${BASE}webasyst/shop/?action=orders#/order/3/`,
    dealUrl: `${BASE}webasyst/crm/deal/6/`,
    runInShop: null,
    waitReason: null,
    nextTryAt: null,
    lastError: null,
    ...overrides,
  };
}

export function connection(overrides: Partial<ConnectionView> = {}): ConnectionView {
  return {
    baseUrl: BASE,
    userName: 'Anna Manager',
    userpicUrl: null,
    installationName: 'Example shop',
    apps: [],
    health: 'ok',
    lastContactAt: Date.now() - 60_000,
    lastError: null,
    ...overrides,
  };
}
