import type { ActivityEntry } from '../messaging/models';

/**
 * Turns the activity log into files a manager can open: CSV for a spreadsheet, JSON for
 * tools. Names in the log come from Webasyst users, so a CSV cell could start a formula;
 * such cells are neutralised with a leading apostrophe (OWASP's advice for CSV injection).
 */

export type ExportFormat = 'csv' | 'json';

export interface ExportedFile {
  filename: string;
  mime: string;
  text: string;
}

const CSV_COLUMNS = [
  ['time', (e: ActivityEntry) => new Date(e.at).toISOString()],
  ['kind', (e: ActivityEntry) => e.kind],
  ['outcome', (e: ActivityEntry) => e.outcome],
  ['order_id', (e: ActivityEntry) => e.orderId],
  ['order_number', (e: ActivityEntry) => e.orderNumber],
  ['deal_id', (e: ActivityEntry) => e.dealId],
  ['deal_name', (e: ActivityEntry) => e.dealName],
  ['from', (e: ActivityEntry) => e.from],
  ['to', (e: ActivityEntry) => e.to],
  ['rule', (e: ActivityEntry) => e.rule],
  ['funnel', (e: ActivityEntry) => e.funnelName],
  ['trigger', (e: ActivityEntry) => e.trigger],
  ['id', (e: ActivityEntry) => e.id],
] as const;

/** Characters that make a spreadsheet read a cell as a formula (or hide one after a control character). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with CRLF line ends and a byte-order mark, so spreadsheets read Cyrillic as UTF-8. */
export function activityToCsv(entries: readonly ActivityEntry[]): string {
  const header = CSV_COLUMNS.map(([name]) => name).join(',');
  const rows = entries.map((entry) => CSV_COLUMNS.map(([, pick]) => csvCell(pick(entry))).join(','));
  return `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
}

export function activityToJson(entries: readonly ActivityEntry[], exportedAt: number): string {
  return `${JSON.stringify({ format: 'dealbridge-activity', version: 1, exportedAt: new Date(exportedAt).toISOString(), entries }, null, 2)}\n`;
}

export function exportActivity(entries: readonly ActivityEntry[], format: ExportFormat, now: number): ExportedFile {
  const day = new Date(now).toISOString().slice(0, 10);
  if (format === 'csv') {
    return { filename: `dealbridge-activity-${day}.csv`, mime: 'text/csv;charset=utf-8', text: activityToCsv(entries) };
  }
  return { filename: `dealbridge-activity-${day}.json`, mime: 'application/json', text: activityToJson(entries, now) };
}
