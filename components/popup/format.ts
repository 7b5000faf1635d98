import { currentLanguage } from '@/utils/i18n';

/** "2 minutes ago", "in 40 seconds", "вчера": Intl picks the words and the plural forms. */
export function relativeTime(at: number, now: number): string {
  const lang = currentLanguage();
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return format.format(seconds, 'second');
  if (abs < 45 * 60) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

/** Full local date and time, for tooltips. */
export function absoluteTime(at: number): string {
  const locale = currentLanguage() === 'ru' ? 'ru-RU' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at));
}
