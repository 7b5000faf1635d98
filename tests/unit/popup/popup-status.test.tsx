// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SyncPanel, type WaitingItem } from '@/components/popup/SyncPanel';
import { ConnectionHealth } from '@/components/popup/ConnectionHealth';
import { ProblemList } from '@/components/popup/ProblemList';
import { setLanguage } from '@/utils/i18n';
import type { SyncStatus } from '@/utils/messaging/models';
import { connection, syncItem } from './fixtures';

/** The popup's parts on their own, with a fixed clock: what each says must agree with the others. */

const NOW = new Date(2026, 4, 4, 14, 0, 0).getTime();
let container: HTMLElement;

function status(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    connection: connection({ lastContactAt: NOW - 5 * 60_000 }),
    paused: false,
    runsAutomaticSync: true,
    syncing: false,
    lastSyncAt: NOW - 30_000,
    nextSyncAt: NOW + 60_000,
    lastError: null,
    pendingCount: 0,
    problemCount: 0,
    ...overrides,
  };
}

function pendingItem(overrides: Partial<WaitingItem> = {}): WaitingItem {
  return syncItem({ status: 'pending', problem: null, attempts: 0, since: NOW - 5 * 60_000, ...overrides });
}

function show(node: ComponentChild): void {
  void act(() => render(node, container));
}

function panel(s: SyncStatus, pending: WaitingItem[] = []): void {
  show(
    <SyncPanel
      status={s}
      pending={pending}
      now={NOW}
      busy={new Set()}
      onSyncNow={() => undefined}
      onSetPaused={() => undefined}
    />,
  );
}

const $ = (selector: string) => container.querySelector(selector);
const text = (selector: string) => $(selector)?.textContent ?? null;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  setLanguage('en');
});

afterEach(() => {
  render(null, container);
  container.remove();
  setLanguage(null);
});

describe('the popup agrees with itself', () => {
  it('never says “All in step” while problems need the user', () => {
    panel(status({ problemCount: 2 }));
    expect(text('[data-dealbridge="pending"]')).toBe('Nothing waiting · 2 problems need you');
    panel(status({ problemCount: 1, pendingCount: 3 }));
    expect(text('[data-dealbridge="pending"]')).toBe('3 items waiting to sync · 1 problem needs you');
    setLanguage('ru');
    panel(status({ problemCount: 2 }));
    expect(text('[data-dealbridge="pending"]')).toBe('Ничего не ждёт синхронизации · 2 проблемы требуют внимания');
    panel(status({ problemCount: 5, pendingCount: 21 }));
    expect(text('[data-dealbridge="pending"]')).toBe('21 задача ждёт синхронизации · 5 проблем требуют внимания');
  });

  it('says “All in step” only when a sync finished cleanly with Webasyst answering, nothing paused', () => {
    panel(status());
    expect(text('[data-dealbridge="pending"]')).toBe('All in step');
    for (const s of [
      status({ connection: connection({ health: 'unreachable' }) }),
      status({ connection: connection({ health: 'auth_error' }) }),
      status({ connection: null }),
      status({ paused: true }),
      status({ lastError: 'Webasyst did not answer.' }),
      status({ lastSyncAt: null }),
    ]) {
      panel(s);
      expect(text('[data-dealbridge="pending"]')).toBe('Nothing waiting');
    }
  });

  it('tells the last sync from the last answer: “Connected” alone when all is well, the last answer only while Webasyst is silent', () => {
    show(<ConnectionHealth connection={status().connection} now={NOW} />);
    expect(text('[data-dealbridge="health"]')).toBe('Connected');
    panel(status());
    expect(text('.db-sync__times')).toBe('Last sync 30 seconds ago · next in 1 minute');

    show(
      <ConnectionHealth
        connection={connection({ health: 'unreachable', lastContactAt: NOW - 5 * 60_000 })}
        now={NOW}
      />,
    );
    expect(text('[data-dealbridge="health"]')).toBe('Webasyst does not answer · it last answered 5 minutes ago');
    setLanguage('ru');
    show(
      <ConnectionHealth
        connection={connection({ health: 'unreachable', lastContactAt: NOW - 21 * 60_000 })}
        now={NOW}
      />,
    );
    expect(text('[data-dealbridge="health"]')).toBe('Webasyst не отвечает · последний ответ 21 минуту назад');
    panel(status({ lastSyncAt: NOW - 2 * 3_600_000, nextSyncAt: NOW + 21_000 }));
    expect(text('.db-sync__times')).toBe('Последняя синхронизация 2 часа назад · следующая через 21 секунду');
  });

  it('a failed sync is one sentence with its time, not “Last sync …” beside “Last sync failed”', () => {
    panel(status({ lastError: 'Invalid access token', lastSyncAt: NOW - 5 * 60_000 }));
    expect(text('.db-sync__times')).toBe('Last sync failed 5 minutes ago · next in 1 minute');
    expect(text('[data-dealbridge="sync-error"]')).toBe('Invalid access token');
    panel(status({ lastError: 'Invalid access token', syncing: true }));
    expect(text('[data-dealbridge="sync-error"]')).toBe('Last sync failed: Invalid access token');
    setLanguage('ru');
    panel(status({ lastError: 'Invalid access token', lastSyncAt: NOW - 5 * 60_000 }));
    expect(text('.db-sync__times')).toBe('Последняя синхронизация 5 минут назад не удалась · следующая через 1 минуту');
  });

  it('a sync that is due says so, not “next … ago”', () => {
    panel(status({ nextSyncAt: NOW - 5_000 }));
    expect(text('.db-sync__times')).toBe('Last sync 30 seconds ago · next one due now');
  });
});

describe('a waiting item says why it waits and when it is tried next', () => {
  const items = () => [...container.querySelectorAll('[data-dealbridge="pending-item"]')];
  const part = (item: Element, hook: string) => item.querySelector(`[data-dealbridge="${hook}"]`)?.textContent ?? null;

  it('from what the item has today: attempts and how long it has waited', () => {
    panel(status({ pendingCount: 2 }), [
      pendingItem({ id: 'a' }),
      pendingItem({ id: 'b', attempts: 2, since: NOW - 3_600_000 }),
    ]);
    const [fresh, failed] = items();
    expect(part(fresh, 'wait')).toBe('Will be done at the next sync');
    expect(part(fresh, 'waited')).toBe('Waiting for 5 minutes');
    expect(part(failed, 'wait')).toBe('The last try failed; Dealbridge tries again by itself');
    expect(part(failed, 'waited')).toBe('Waiting for 1 hour · 2 attempts');
    expect(fresh.getAttribute('title')).toBe('Deal won (rule: Won → Complete, funnel Sales)');

    panel(status({ pendingCount: 2, paused: true }), [pendingItem({ id: 'a' }), pendingItem({ id: 'b', attempts: 2 })]);
    expect(items().map((item) => part(item, 'wait'))).toEqual([
      'On hold while the sync is paused',
      'On hold while the sync is paused',
    ]);
  });

  it('with the next try’s real time and the reason, when the sync core gives them', () => {
    const at1405 = new Date(2026, 4, 4, 14, 5).getTime();
    const tomorrow = new Date(2026, 4, 5, 9, 30).getTime();
    const shown = [
      pendingItem({
        id: 'rate',
        attempts: 1,
        waitReason: 'rate_limited',
        nextTryAt: at1405,
        lastError: 'Too many requests.',
      }),
      pendingItem({ id: 'silent', attempts: 3, waitReason: 'retry', nextTryAt: tomorrow }),
      pendingItem({ id: 'write', attempts: 1, waitReason: 'checking_write', nextTryAt: NOW - 1000 }),
      pendingItem({ id: 'time', attempts: 1, nextTryAt: at1405 }),
    ];
    panel(status({ pendingCount: 4 }), shown);
    expect(items().map((item) => part(item, 'wait'))).toEqual([
      'Webasyst asked to slow down; next try at 14:05',
      'The last try failed; next try on 5 May at 09:30',
      'Webasyst did not confirm the last write; Dealbridge checks it before trying again; next try with the next sync',
      'Next try at 14:05',
    ]);
    expect(part(items()[0], 'wait-error')).toBe('Last error: Too many requests.');
    expect(part(items()[1], 'wait-error')).toBeNull();

    setLanguage('ru');
    panel(status({ pendingCount: 4 }), shown);
    expect(items().map((item) => part(item, 'wait'))).toEqual([
      'Webasyst попросил подождать; следующая попытка в 14:05',
      'Последняя попытка не удалась; следующая попытка 5 мая в 09:30',
      'Webasyst не подтвердил последнюю запись; Dealbridge проверит её перед новой попыткой; следующая попытка — при следующей синхронизации',
      'Следующая попытка в 14:05',
    ]);
    expect(part(items()[0], 'waited')).toBe('Ждёт 5 минут · 1 попытка');
  });

  it('a problem says how long it has waited, in grammatical Russian for every count', () => {
    setLanguage('ru');
    for (const [since, words] of [
      [NOW - 1000, 'Ждёт 1 секунду · 2 попытки'],
      [NOW - 2 * 60_000, 'Ждёт 2 минуты · 2 попытки'],
      [NOW - 5 * 3_600_000, 'Ждёт 5 часов · 2 попытки'],
      [NOW - 21 * 86_400_000, 'Ждёт 21 день · 2 попытки'],
    ] as const) {
      show(
        <ProblemList
          problems={[syncItem({ since, attempts: 2 })]}
          total={1}
          now={NOW}
          busy={new Set()}
          onRetry={() => undefined}
          onDismiss={() => undefined}
        />,
      );
      expect(text('[data-dealbridge="problem"] [data-dealbridge="waited"]')).toBe(words);
    }
  });
});

describe('the popup’s buttons', () => {
  const classes = (hook: string) => [...($(`[data-dealbridge="${hook}"]`)?.classList ?? [])];

  it('“Sync now” leads while the sync runs; while paused “Resume” leads and “Sync now” waits for it', () => {
    panel(status());
    expect(classes('sync-now')).toContain('db-button--primary');
    expect(classes('pause')).not.toContain('db-button--primary');
    panel(status({ paused: true }));
    expect(text('[data-dealbridge="pause"]')).toBe('Resume');
    expect(classes('pause')).toContain('db-button--primary');
    expect(classes('sync-now')).not.toContain('db-button--primary');
    expect(($('[data-dealbridge="sync-now"]') as HTMLButtonElement).disabled).toBe(true);
    expect($('[data-dealbridge="sync-now"]')?.getAttribute('title')).toBe('Sync is paused: resume it first');
  });

  it('a refused token has its own “Connect again”, which opens the options', async () => {
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    show(
      <ConnectionHealth
        connection={connection({ health: 'auth_error', lastError: 'The access token was revoked.' })}
        now={NOW}
      />,
    );
    expect(text('[data-dealbridge="health"]')).toBe(
      'Webasyst no longer accepts Dealbridge’s token: it was revoked, or your user lost access.',
    );
    expect($('[data-dealbridge="health-detail"]')).toBeNull();
    const button = $('[data-dealbridge="connect-again"]') as HTMLButtonElement;
    expect(button.tagName).toBe('BUTTON');
    expect(button.textContent).toBe('Connect again');
    expect([...button.classList]).toContain('db-button--primary');
    // One blue button: "Sync now" stays at hand (to check the token again) but does not lead.
    panel(status({ connection: connection({ health: 'auth_error' }) }));
    expect(classes('sync-now')).not.toContain('db-button--primary');
    expect(($('[data-dealbridge="sync-now"]') as HTMLButtonElement).disabled).toBe(false);
    show(
      <ConnectionHealth
        connection={connection({ health: 'auth_error', lastError: 'The access token was revoked.' })}
        now={NOW}
      />,
    );
    void act(() => ($('[data-dealbridge="connect-again"]') as HTMLButtonElement).click());
    expect(open).toHaveBeenCalledTimes(1);

    show(<ConnectionHealth connection={connection({ health: 'unreachable' })} now={NOW} />);
    expect($('[data-dealbridge="connect-again"]')).toBeNull();
    setLanguage('ru');
    show(<ConnectionHealth connection={connection({ health: 'auth_error' })} now={NOW} />);
    expect(text('[data-dealbridge="connect-again"]')).toBe('Подключить снова');
    expect(text('[data-dealbridge="health"]')).toBe(
      'Webasyst больше не принимает токен Dealbridge: его отозвали, или у пользователя больше нет доступа.',
    );
  });
});
