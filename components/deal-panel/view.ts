import type { z } from 'zod';
import type { dealPageMessages } from '@/utils/messaging/messages/deal-page';

/** The background's answer to `deal.order`. */
export type DealOrderReply = z.output<(typeof dealPageMessages)['deal.order']['response']>;

/** What the panel shows; `hidden` means no panel on the page at all. */
export type PanelView =
  | { kind: 'hidden' }
  | { kind: 'loading' }
  /** No order yet: "Link an order" for the deal's client (null: the deal has none). */
  | { kind: 'unlinked'; customer: DealOrderReply['customer'] }
  | { kind: 'error'; code: string; message: string }
  /** `refreshError` keeps the last good content on screen when a later refresh failed. */
  | { kind: 'ready'; data: DealOrderReply; refreshError: boolean };

/**
 * Shop's datetimes are the server's wall clock ("2026-11-29 02:32:13", no zone): show that
 * wall clock as is, in the user's locale, rather than shifting it by the browser's zone.
 */
export function formatShopDate(value: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(value);
  if (!m) return value;
  const hasTime = m[4] !== undefined;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], hasTime ? +m[4] : 0, hasTime ? +m[5] : 0));
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    ...(hasTime ? { timeStyle: 'short' } : {}),
    timeZone: 'UTC',
  }).format(date);
}

export function formatQuantity(quantity: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(quantity);
}
