import { afterEach, describe, expect, it } from 'vitest';
import { badgeState, BADGE_COLORS, type BadgeInput } from '@/utils/badge/state';
import { setLanguage } from '@/utils/i18n';

const ok = { baseUrl: 'https://shop.example.com/', health: 'ok' as const, lastError: null };

function input(overrides: Partial<BadgeInput>): BadgeInput {
  return { connection: ok, pendingCount: 0, problemCount: 0, paused: false, ...overrides };
}

afterEach(() => setLanguage(null));

describe('badge state', () => {
  const table: Array<[string, Partial<BadgeInput>, { text: string; tone: string; title: string }]> = [
    ['all well', {}, { text: '', tone: 'none', title: 'Dealbridge: all in step' }],
    [
      'not connected',
      { connection: null, pendingCount: 4 },
      { text: '', tone: 'none', title: 'Dealbridge: not connected' },
    ],
    ['one pending', { pendingCount: 1 }, { text: '1', tone: 'pending', title: 'Dealbridge: 1 item waiting to sync' }],
    [
      'many pending',
      { pendingCount: 27 },
      { text: '27', tone: 'pending', title: 'Dealbridge: 27 items waiting to sync' },
    ],
    [
      'too many to show',
      { pendingCount: 12000 },
      { text: '999+', tone: 'pending', title: 'Dealbridge: 12000 items waiting to sync' },
    ],
    [
      'problems win over pending',
      { pendingCount: 3, problemCount: 2 },
      { text: '!', tone: 'warning', title: 'Dealbridge: 2 problems need you, 3 items waiting' },
    ],
    ['one problem', { problemCount: 1 }, { text: '!', tone: 'warning', title: 'Dealbridge: 1 problem needs you' }],
    [
      'token refused',
      { connection: { ...ok, health: 'auth_error' }, problemCount: 2, pendingCount: 5 },
      { text: '!', tone: 'error', title: 'Dealbridge: the connection was refused, connect again in the options' },
    ],
    [
      'unreachable',
      { connection: { ...ok, health: 'unreachable' } },
      { text: '!', tone: 'error', title: 'Dealbridge: cannot reach shop.example.com' },
    ],
    [
      'degraded',
      { connection: { ...ok, health: 'degraded', lastError: 'CRM is not installed' } },
      { text: '!', tone: 'warning', title: 'Dealbridge: CRM is not installed' },
    ],
    [
      'degraded without detail',
      { connection: { ...ok, health: 'degraded' } },
      { text: '!', tone: 'warning', title: 'Dealbridge: Shop-Script or CRM is not fully available' },
    ],
    ['paused and idle', { paused: true }, { text: '', tone: 'none', title: 'Dealbridge: sync paused' }],
    [
      'paused with pending',
      { paused: true, pendingCount: 2 },
      { text: '2', tone: 'pending', title: 'Dealbridge: 2 items waiting to sync (sync paused)' },
    ],
  ];

  it.each(table)('%s', (_name, overrides, expected) => {
    setLanguage('en');
    const state = badgeState(input(overrides));
    expect(state).toMatchObject(expected);
    expect(state.color).toBe(
      expected.tone === 'none' ? null : BADGE_COLORS[expected.tone as keyof typeof BADGE_COLORS],
    );
  });

  it.each([
    [1, 'Dealbridge: 1 задача ждёт синхронизации'],
    [3, 'Dealbridge: 3 задачи ждут синхронизации'],
    [5, 'Dealbridge: 5 задач ждут синхронизации'],
    [21, 'Dealbridge: 21 задача ждёт синхронизации'],
    [114, 'Dealbridge: 114 задач ждут синхронизации'],
  ])('says %i pending in Russian with the right plural', (count, title) => {
    setLanguage('ru');
    expect(badgeState(input({ pendingCount: count })).title).toBe(title);
  });

  it('says problems in Russian with the right plural', () => {
    setLanguage('ru');
    expect(badgeState(input({ problemCount: 2 })).title).toBe('Dealbridge: 2 проблемы требуют внимания');
    expect(badgeState(input({ problemCount: 5 })).title).toBe('Dealbridge: 5 проблем требуют внимания');
  });
});
