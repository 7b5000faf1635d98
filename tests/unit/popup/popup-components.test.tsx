// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '@/components/popup/Popup';
import { createPopupStore, type ExportFile } from '@/components/popup/store';
import { MessageRouter } from '@/utils/messaging/router';
import { setLanguage } from '@/utils/i18n';
import type { ActivityEntry, ConnectionView, SyncItem } from '@/utils/messaging/models';
import { activityEntry, connection, syncItem } from './fixtures';

/** A fake background behind the real message path: popup → runtime.sendMessage → router → handlers. */
interface FakeBackground {
  connection: ConnectionView | null;
  paused: boolean;
  pending: SyncItem[];
  problems: SyncItem[];
  activity: ActivityEntry[];
  calls: Array<{ type: string; payload: unknown }>;
}

let bg: FakeBackground;
let container: HTMLElement;

function installBackground(): void {
  const router = new MessageRouter();
  const log = (type: string, payload: unknown) => bg.calls.push({ type, payload });
  const page = (limit: number, before: { at: number; id: string } | null) => {
    const sorted = [...bg.activity].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
    const start = before ? sorted.findIndex((e) => e.at < before.at || (e.at === before.at && e.id < before.id)) : 0;
    return start < 0 ? [] : sorted.slice(start, start + limit + 1);
  };
  router.on('status.get', ({ activityLimit }) => {
    log('status.get', { activityLimit });
    const entries = page(activityLimit, null);
    return {
      status: {
        connection: bg.connection,
        paused: bg.paused,
        runsAutomaticSync: true,
        syncing: false,
        lastSyncAt: Date.now() - 30_000,
        nextSyncAt: Date.now() + 30_000,
        lastError: null,
        pendingCount: bg.pending.length,
        problemCount: bg.problems.length,
      },
      pending: bg.pending,
      problems: bg.problems,
      activity: entries.slice(0, activityLimit),
      activityHasMore: entries.length > activityLimit,
    };
  });
  router.on('activity.list', ({ limit, before }) => {
    log('activity.list', { limit, before });
    const entries = page(limit, before);
    return { entries: entries.slice(0, limit), hasMore: entries.length > limit };
  });
  router.on('sync.retry', ({ itemId }) => {
    log('sync.retry', { itemId });
    bg.problems = bg.problems.filter((item) => item.id !== itemId);
    return { accepted: true };
  });
  router.on('sync.dismiss', ({ itemId }) => {
    log('sync.dismiss', { itemId });
    bg.problems = bg.problems.filter((item) => item.id !== itemId);
    return { accepted: true };
  });
  router.on('sync.now', () => {
    log('sync.now', {});
    return { accepted: true };
  });
  router.on('sync.setPaused', ({ paused }) => {
    log('sync.setPaused', { paused });
    bg.paused = paused;
    return { accepted: true };
  });
  router.on('activity.export', ({ format }) => {
    log('activity.export', { format });
    return { filename: `x.${format}`, mime: 'text/csv', text: 'time,kind\r\n' };
  });
  fakeBrowser.runtime.onMessage.addListener((message: unknown) =>
    router.handle(message, { trusted: true, tabId: null, url: fakeBrowser.runtime.getURL('/popup.html') }),
  );
}

function manyEntries(count: number): ActivityEntry[] {
  const start = Date.now() - count * 1000;
  return Array.from({ length: count }, (_, i) =>
    activityEntry({
      id: `e${String(i).padStart(5, '0')}`,
      at: start + i * 1000,
      orderId: i + 1,
      orderNumber: `#${1000 + i}`,
      trigger: `Order #${1000 + i}: Paid`,
    }),
  );
}

async function mount(download: (file: ExportFile) => void = () => undefined) {
  const store = createPopupStore(undefined, download);
  await act(async () => {
    render(<Popup store={store} />, container);
  });
  await waitFor(() => container.querySelector('[data-dealbridge="sync"]') ?? container.querySelector('[role="alert"]'));
  return store;
}

async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs = 2000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('waitFor timed out');
  }
}

async function click(element: Element | null) {
  if (!element) throw new Error('nothing to click');
  await act(async () => {
    (element as HTMLElement).click();
  });
}

const $ = (selector: string) => container.querySelector(selector);
const $$ = (selector: string) => [...container.querySelectorAll(selector)];

beforeEach(() => {
  bg = { connection: connection(), paused: false, pending: [], problems: [], activity: [], calls: [] };
  installBackground();
  container = document.createElement('div');
  document.body.append(container);
  setLanguage('en');
});

afterEach(() => {
  render(null, container);
  container.remove();
  setLanguage(null);
});

describe('popup', () => {
  it('shows the connection, sync times and "all in step" when nothing waits', async () => {
    await mount();
    expect($('[data-dealbridge="connection"]')?.textContent).toContain('Anna Manager · Example shop');
    expect($('[data-dealbridge="connection"]')?.getAttribute('data-health')).toBe('ok');
    expect($('[data-dealbridge="sync"]')?.textContent).toMatch(/Last sync 30 seconds ago/);
    expect($('[data-dealbridge="pending"]')?.textContent).toBe('All in step');
    expect($('[data-dealbridge="runner"]')?.textContent).toBe('This browser runs the automatic sync');
    expect($('[data-dealbridge="problems"]')).toBeNull();
    expect($('[data-dealbridge="activity"]')?.textContent).toContain('Nothing has happened yet.');
  });

  it('counts pending items with Russian plurals', async () => {
    setLanguage('ru');
    for (const [count, text] of [
      [1, '1 задача ждёт синхронизации'],
      [3, '3 задачи ждут синхронизации'],
      [5, '5 задач ждут синхронизации'],
    ] as const) {
      bg.pending = Array.from({ length: count }, (_, i) => syncItem({ id: `p${i}`, status: 'pending', problem: null }));
      render(null, container);
      await mount();
      expect($('[data-dealbridge="pending"]')?.textContent).toBe(text);
    }
  });

  it('lists problems with what, why, since when and links, and retry clears one', async () => {
    bg.problems = [syncItem({ id: 'p1' }), syncItem({ id: 'p2', dealName: 'Desks', dealUrl: 'javascript:alert(1)' })];
    await mount();
    const problems = $$('[data-dealbridge="problems"] [data-dealbridge="problem"]');
    expect(problems).toHaveLength(2);
    expect($('[data-dealbridge="problems"] h2')?.textContent).toBe('2 problems');
    const first = problems.find((p) => p.getAttribute('data-item-id') === 'p1')!;
    expect(first.textContent).toContain('Run “Complete” on the order');
    expect(first.textContent).toContain('Shop-Script does not offer this action now');
    expect(first.textContent).toContain('Deal won (rule: Won → Complete, funnel Sales)');
    expect(first.textContent).toMatch(/Waiting for 5 minutes · 3 attempts/);
    expect(first.querySelector('[data-dealbridge="open-order"]')?.getAttribute('href')).toBe(
      'https://shop.example.com/webasyst/shop/?action=orders#/order/3/',
    );
    const second = problems.find((p) => p.getAttribute('data-item-id') === 'p2')!;
    expect(second.querySelector('[data-dealbridge="open-deal"]')).toBeNull();

    await click(first.querySelector('[data-dealbridge="retry"]'));
    await waitFor(() => $$('[data-dealbridge="problem"]').length === 1);
    expect(bg.calls.filter((c) => c.type === 'sync.retry')).toEqual([
      { type: 'sync.retry', payload: { itemId: 'p1' } },
    ]);
    expect($('[data-dealbridge="problems"] h2')?.textContent).toBe('1 problem');

    await click($('[data-dealbridge="problem"] [data-dealbridge="dismiss"]'));
    await waitFor(() => $('[data-dealbridge="problems"]') === null);
    expect(bg.calls.some((c) => c.type === 'sync.dismiss')).toBe(true);
  });

  it('a problem a person solves with Shop-Script’s form leads with “Run … on order …”, opening the order in a new tab', async () => {
    const url = 'https://shop.example.com/webasyst/shop/?action=orders&dealbridge_run=3%3Apay#/order/3/';
    bg.problems = [
      syncItem({ id: 'p1', runInShop: { actionId: 'pay', actionName: 'Paid', url } }),
      syncItem({ id: 'p2', runInShop: { actionId: 'pay', actionName: 'Paid', url: 'javascript:alert(1)' } }),
    ];
    await mount();
    const [first, second] = $$('[data-dealbridge="problem"]');
    const run = first.querySelector<HTMLAnchorElement>('[data-dealbridge="run-in-shop"]')!;
    expect(run.textContent).toBe('Run “Paid” on order #1003');
    expect([run.getAttribute('href'), run.getAttribute('target'), run.dataset.orderId, run.dataset.actionId]).toEqual([
      url,
      '_blank',
      '3',
      'pay',
    ]);
    expect(first.querySelector('.db-actions')?.firstElementChild).toBe(run);
    expect(second.querySelector('[data-dealbridge="run-in-shop"]')).toBeNull();
    setLanguage('ru');
    render(null, container);
    await mount();
    expect($('[data-dealbridge="run-in-shop"]')?.textContent).toBe('Выполнить «Paid» для заказа #1003');
  });

  it('renders hostile names as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    bg.problems = [syncItem({ dealName: hostile, effect: hostile, problem: hostile, reason: hostile })];
    bg.activity = [activityEntry({ dealName: hostile, trigger: hostile, rule: hostile })];
    await mount();
    expect(container.querySelector('img, script')).toBeNull();
    expect($('[data-dealbridge="problem"]')?.textContent).toContain(hostile);
    expect($('[data-dealbridge="activity-entry"]')?.textContent).toContain(hostile);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows the 50 newest of 1,000 entries and pages through "show more" without gaps', async () => {
    bg.activity = manyEntries(1000);
    await mount();
    let entries = $$('[data-dealbridge="activity-entry"]');
    expect(entries).toHaveLength(50);
    expect(entries[0].textContent).toContain('#1999');
    expect(bg.calls.find((c) => c.type === 'status.get')?.payload).toEqual({ activityLimit: 50 });

    await click($('[data-dealbridge="show-more"]'));
    await waitFor(() => $$('[data-dealbridge="activity-entry"]').length === 100);
    entries = $$('[data-dealbridge="activity-entry"]');
    expect(entries[50].textContent).toContain('#1949');
    expect(entries[99].textContent).toContain('#1900');
    const link = entries[0].querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://shop.example.com/webasyst/crm/deal/6/');
  });

  it('keeps the shown pages whole when new entries arrive', async () => {
    bg.activity = manyEntries(120);
    const store = await mount();
    await click($('[data-dealbridge="show-more"]'));
    await waitFor(() => $$('[data-dealbridge="activity-entry"]').length === 100);
    bg.activity.push(
      activityEntry({ id: 'new1', at: Date.now() + 1000, trigger: 'Order #9001: Paid' }),
      activityEntry({ id: 'new2', at: Date.now() + 2000, trigger: 'Order #9002: Paid' }),
    );
    await act(() => store.refresh());
    const numbers = $$('[data-dealbridge="activity-entry"]').map((e) => /#(\d+)/.exec(e.textContent ?? '')?.[1]);
    expect(numbers).toHaveLength(102);
    expect(new Set(numbers).size).toBe(102);
    expect(numbers.slice(0, 3)).toEqual(['9002', '9001', '1119']);
  });

  it('hides "show more" when the log fits on one page', async () => {
    bg.activity = manyEntries(50);
    await mount();
    expect($$('[data-dealbridge="activity-entry"]')).toHaveLength(50);
    expect($('[data-dealbridge="show-more"]')).toBeNull();
  });

  it('pauses and resumes, and asks for a sync now', async () => {
    await mount();
    expect($('[data-dealbridge="pause"]')?.textContent).toBe('Pause');
    await click($('[data-dealbridge="pause"]'));
    await waitFor(() => $('[data-dealbridge="pause"]')?.textContent === 'Resume');
    expect($('[data-dealbridge="sync"]')?.textContent).toContain('Sync is paused');
    await click($('[data-dealbridge="pause"]'));
    await waitFor(() => $('[data-dealbridge="pause"]')?.textContent === 'Pause');
    expect(bg.calls.filter((c) => c.type === 'sync.setPaused').map((c) => c.payload)).toEqual([
      { paused: true },
      { paused: false },
    ]);
    await click($('[data-dealbridge="sync-now"]'));
    await waitFor(() => bg.calls.some((c) => c.type === 'sync.now'));
  });

  it('exports the log through the background', async () => {
    const download = vi.fn();
    await mount(download);
    await click($('[data-dealbridge="export-csv"]'));
    await waitFor(() => download.mock.calls.length === 1);
    expect(download).toHaveBeenCalledWith({ filename: 'x.csv', mime: 'text/csv', text: 'time,kind\r\n' });
  });

  it('offers to connect when there is no connection, with sync now disabled', async () => {
    bg.connection = null;
    await mount();
    expect($('[data-dealbridge="connection"]')?.textContent).toContain('not connected');
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    await click($('[data-dealbridge="connection"] [data-dealbridge="open-options"]'));
    expect(open).toHaveBeenCalled();
    expect(($('[data-dealbridge="sync-now"]') as HTMLButtonElement).disabled).toBe(true);
  });

  it('says when the connection is broken', async () => {
    bg.connection = connection({ health: 'auth_error', lastError: 'The access token was revoked.' });
    await mount();
    const section = $('[data-dealbridge="connection"]');
    expect(section?.getAttribute('data-health')).toBe('auth_error');
    expect(section?.textContent).toContain(
      'Webasyst no longer accepts Dealbridge’s token: it was revoked, or your user lost access.',
    );
    // The background's own (English-only) wording of the same thing is not repeated under it.
    expect(section?.textContent).not.toContain('The access token was revoked.');
  });

  it('shows a failed load and recovers on "try again"', async () => {
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.runtime.onMessage.addListener(() =>
      Promise.resolve({ ok: false, error: { code: 'internal', message: 'Database is busy.' } }),
    );
    await mount();
    expect($('[role="alert"]')?.textContent).toContain('Could not load the status: Database is busy.');
    fakeBrowser.runtime.onMessage.removeAllListeners();
    installBackground();
    await click($('[role="alert"] button'));
    await waitFor(() => $('[data-dealbridge="sync"]'));
  });
});
