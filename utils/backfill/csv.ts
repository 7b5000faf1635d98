import type { BackfillResult } from './model';

/** One CSV cell: quoted, and a leading = + - @ defused so that a spreadsheet never runs a name as a formula. */
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export const CSV_HEADER = [
  'order_id',
  'order_number',
  'customer',
  'action',
  'outcome',
  'deal_id',
  'deal_name',
  'reason',
  'note',
];

export function csvLines(results: readonly BackfillResult[]): string {
  return results
    .map((r) =>
      [r.orderId, r.orderNumber, r.customer, r.action, r.outcome, r.dealId, r.dealName, r.reason, r.note]
        .map(cell)
        .join(','),
    )
    .map((line) => `${line}\r\n`)
    .join('');
}
