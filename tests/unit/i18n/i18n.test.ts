import { afterEach, describe, expect, it } from 'vitest';
import { createI18n, formatMoney, setLanguage } from '@/utils/i18n';

const t = createI18n({
  en: { pending: { one: '{count} pending item', other: '{count} pending items' }, hello: 'Hello, {name}' },
  ru: {
    pending: { one: '{count} задача', few: '{count} задачи', many: '{count} задач', other: '{count} задачи' },
    hello: 'Здравствуйте, {name}',
  },
});

afterEach(() => setLanguage(null));

describe('i18n', () => {
  it('uses Russian plural categories', () => {
    setLanguage('ru');
    expect([1, 3, 5, 21, 22, 25].map((count) => t('pending', { count }))).toEqual([
      '1 задача',
      '3 задачи',
      '5 задач',
      '21 задача',
      '22 задачи',
      '25 задач',
    ]);
  });

  it('uses English plural categories and interpolates', () => {
    setLanguage('en');
    expect(t('pending', { count: 1 })).toBe('1 pending item');
    expect(t('pending', { count: 2 })).toBe('2 pending items');
    expect(t('hello', { name: '<b>x</b>' })).toBe('Hello, <b>x</b>');
  });

  it('formats money for the locale and survives unknown currencies', () => {
    setLanguage('en');
    expect(formatMoney(1234.5, 'USD')).toBe('$1,234.50');
    expect(formatMoney(10, 'XX1')).toBe('10 XX1');
  });
});
