import { currentLanguage } from '@/utils/i18n';
import { t } from './i18n';

/**
 * Times as the popup says them. A span is rounded to the unit a person would use (seconds
 * under 45 s, minutes under 45 min, hours under 22 h, then days) and counted with the
 * dictionary's plural forms, so one table serves every phrase: "waiting for 5 minutes" /
 * "ждёт 5 минут", "5 minutes ago" / "5 минут назад", "in 5 minutes" / "через 5 минут"
 * (Russian takes the accusative in all three: 1 минуту, 2 минуты, 5 минут, 21 минуту).
 */
export type TimeUnit = 'second' | 'minute' | 'hour' | 'day';

/** Below this a past moment is "just now" rather than a count of seconds. */
const JUST_NOW_MS = 1_000;

function span(ms: number): { count: number; unit: TimeUnit } {
  const seconds = Math.max(1, Math.round(Math.abs(ms) / 1000));
  if (seconds < 45) return { count: seconds, unit: 'second' };
  const minutes = Math.round(seconds / 60);
  if (minutes < 45) return { count: minutes, unit: 'minute' };
  const hours = Math.round(seconds / 3600);
  if (hours < 22) return { count: hours, unit: 'hour' };
  return { count: Math.round(seconds / 86400), unit: 'day' };
}

/** "5 minutes" / "5 минут": how long something lasted (at least one second). */
export function duration(ms: number): string {
  const { count, unit } = span(ms);
  return t(`unit_${unit}`, { count });
}

/** "5 minutes ago" / "5 минут назад", or "just now" / "только что". A moment in the future counts as now. */
export function ago(at: number, now: number): string {
  if (now - at < JUST_NOW_MS) return t('justNow');
  return t('ago', { duration: duration(now - at) });
}

/** "in 5 minutes" / "через 5 минут", or null when the moment has come (or passed). */
export function fromNow(at: number, now: number): string | null {
  if (at - now < 1000) return null;
  return t('in', { duration: duration(at - now) });
}

/**
 * A moment to come, as a clock time: "at 14:05" / "в 14:05" today, "on 3 June at 14:05" /
 * "3 июня в 14:05" on another day.
 */
export function atTime(at: number, now: number): string {
  const locale = currentLanguage() === 'ru' ? 'ru-RU' : 'en-GB';
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (new Date(at).toDateString() === new Date(now).toDateString()) return t('atTime', { time });
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long' }).format(at);
  return t('onDateAtTime', { date, time });
}

/** Full local date and time, for tooltips. */
export function absoluteTime(at: number): string {
  const locale = currentLanguage() === 'ru' ? 'ru-RU' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at));
}
