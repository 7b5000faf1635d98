// Number, money and date formats as Webasyst's English backend shows them
// ("$34.99", "$25", "$2,500", "Today 02:32", "11/29/2026 02:32").

const PREFIX_SIGNS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };
const SUFFIX_SIGNS: Record<string, string> = { RUB: ' ₽', UAH: ' ₴', KZT: ' ₸', BYN: ' Br' };

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Shop drops ".00" from whole amounts and keeps two decimals otherwise. */
function formatAmount(value: number | string): string {
  const num = Number(value) || 0;
  const negative = num < 0;
  const cents = Math.round(Math.abs(num) * 100);
  const whole = groupThousands(String(Math.floor(cents / 100)));
  const fraction = cents % 100 === 0 ? '' : `.${String(cents % 100).padStart(2, '0')}`;
  return (negative ? '-' : '') + whole + fraction;
}

export function formatMoney(value: number | string, currency = 'USD'): string {
  const amount = formatAmount(value);
  if (PREFIX_SIGNS[currency]) return PREFIX_SIGNS[currency] + amount;
  if (SUFFIX_SIGNS[currency]) return amount + SUFFIX_SIGNS[currency];
  return `${amount} ${currency}`;
}

/** The CRM timeline's own format ("34,99 $": comma decimals, sign after). */
export function formatMoneyCrmLog(value: number | string, currency = 'USD'): string {
  const num = Number(value) || 0;
  const text = num.toFixed(2).replace('.', ',');
  const sign = PREFIX_SIGNS[currency] ?? SUFFIX_SIGNS[currency]?.trim() ?? currency;
  return `${text}\u00a0${sign}`;
}

export function formatQuantity(value: number | string): string {
  const num = Number(value) || 0;
  return String(Math.round(num * 1000) / 1000);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number) => String(n).padStart(2, '0');

/** Accepts "Y-m-d H:i:s" (Shop), ISO strings or epoch milliseconds; the sim's clock is UTC. */
export function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const shop = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (shop && !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) {
    const [, y, m, d, hh = '0', mm = '0', ss = '0'] = shop;
    return new Date(Date.UTC(+y, +m - 1, +d, +hh, +mm, +ss));
  }
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function sameDay(a: Date, b: Date): boolean {
  return (
    a.getUTCFullYear() === b.getUTCFullYear() &&
    a.getUTCMonth() === b.getUTCMonth() &&
    a.getUTCDate() === b.getUTCDate()
  );
}

export function formatTime(date: Date): string {
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** "Today 02:32", "Yesterday 14:00", or "November 27, 2026 14:00". */
export function formatHumanDateTime(value: Parameters<typeof toDate>[0], now: Date): string {
  const date = toDate(value);
  if (!date) return '';
  if (sameDay(date, now)) return `Today ${formatTime(date)}`;
  const yesterday = new Date(now.getTime() - 86_400_000);
  if (sameDay(date, yesterday)) return `Yesterday ${formatTime(date)}`;
  return `${formatLongDate(date)} ${formatTime(date)}`;
}

/** "Today" or "11/29/2026" (CRM deal term). */
export function formatHumanDate(value: Parameters<typeof toDate>[0], now: Date): string {
  const date = toDate(value);
  if (!date) return '';
  if (sameDay(date, now)) return 'Today';
  return formatShortDate(date);
}

export function formatShortDate(date: Date): string {
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()}`;
}

/** "11/29/2026 02:32" (print-only lines). */
export function formatPrintDateTime(value: Parameters<typeof toDate>[0]): string {
  const date = toDate(value);
  return date ? `${formatShortDate(date)} ${formatTime(date)}` : '';
}

/** "November 29, 2026". */
export function formatLongDate(value: Parameters<typeof toDate>[0]): string {
  const date = toDate(value);
  return date ? `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}` : '';
}

/** "Sunday, November 29" (the 1.3 header). */
export function formatHeaderDate(now: Date): string {
  return `${WEEKDAYS[now.getUTCDay()]}, ${MONTHS[now.getUTCMonth()]} ${now.getUTCDate()}`;
}
