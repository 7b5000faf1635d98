import { afterEach, describe, expect, it } from 'vitest';
import { ago, atTime, duration, fromNow, type TimeUnit } from '@/components/popup/format';
import { setLanguage } from '@/utils/i18n';

afterEach(() => setLanguage(null));

const NOW = new Date(2026, 4, 4, 14, 0, 0).getTime();
const MS: Record<TimeUnit, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Russian takes the accusative after "ждёт", before "назад" and after "через": 1 минуту, 2 минуты, 5 минут, 21 минуту. */
const RU: Record<TimeUnit, Record<number, string>> = {
  second: { 1: '1 секунду', 2: '2 секунды', 5: '5 секунд', 21: '21 секунду' },
  minute: { 1: '1 минуту', 2: '2 минуты', 5: '5 минут', 21: '21 минуту' },
  hour: { 1: '1 час', 2: '2 часа', 5: '5 часов', 21: '21 час' },
  day: { 1: '1 день', 2: '2 дня', 5: '5 дней', 21: '21 день' },
};
const EN: Record<TimeUnit, Record<number, string>> = {
  second: { 1: '1 second', 2: '2 seconds', 5: '5 seconds', 21: '21 seconds' },
  minute: { 1: '1 minute', 2: '2 minutes', 5: '5 minutes', 21: '21 minutes' },
  hour: { 1: '1 hour', 2: '2 hours', 5: '5 hours', 21: '21 hours' },
  day: { 1: '1 day', 2: '2 days', 5: '5 days', 21: '21 days' },
};

const cases = (Object.keys(MS) as TimeUnit[]).flatMap((unit) => [1, 2, 5, 21].map((count) => [unit, count] as const));

describe('popup times', () => {
  it.each(cases)('Russian: %s × %i as a duration, in the past and in the future', (unit, count) => {
    setLanguage('ru');
    const span = count * MS[unit];
    const words = RU[unit][count];
    expect(duration(span)).toBe(words);
    expect(ago(NOW - span, NOW)).toBe(`${words} назад`);
    expect(fromNow(NOW + span, NOW)).toBe(`через ${words}`);
  });

  it.each(cases)('English: %s × %i as a duration, in the past and in the future', (unit, count) => {
    setLanguage('en');
    const span = count * MS[unit];
    const words = EN[unit][count];
    expect(duration(span)).toBe(words);
    expect(ago(NOW - span, NOW)).toBe(`${words} ago`);
    expect(fromNow(NOW + span, NOW)).toBe(`in ${words}`);
  });

  it('rounds to the unit a person would say, and never says “0 seconds”', () => {
    setLanguage('en');
    expect(duration(44_000)).toBe('44 seconds');
    expect(duration(45_000)).toBe('1 minute');
    expect(duration(90 * 60_000)).toBe('2 hours');
    expect(duration(22 * 3_600_000)).toBe('1 day');
    expect(duration(0)).toBe('1 second');
    expect(ago(NOW - 400, NOW)).toBe('just now');
    expect(ago(NOW + 5_000, NOW)).toBe('just now');
    expect(fromNow(NOW + 400, NOW)).toBeNull();
    expect(fromNow(NOW - 60_000, NOW)).toBeNull();
    setLanguage('ru');
    expect(ago(NOW - 400, NOW)).toBe('только что');
  });

  it('says a coming moment as a clock time, with the date when it is not today', () => {
    const today = new Date(2026, 4, 4, 14, 5).getTime();
    const tomorrow = new Date(2026, 4, 5, 9, 30).getTime();
    setLanguage('en');
    expect(atTime(today, NOW)).toBe('at 14:05');
    expect(atTime(tomorrow, NOW)).toBe('on 5 May at 09:30');
    setLanguage('ru');
    expect(atTime(today, NOW)).toBe('в 14:05');
    expect(atTime(tomorrow, NOW)).toBe('5 мая в 09:30');
  });
});
