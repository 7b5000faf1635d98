import { describe, expect, it } from 'vitest';
import { activityToCsv, activityToJson, csvCell, exportActivity } from '@/utils/activity/export';
import { activityEntrySchema, type ActivityEntry } from '@/utils/messaging/models';
import { z } from 'zod';

function entry(overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    id: 'e1',
    at: Date.UTC(2024, 4, 1, 9, 30),
    kind: 'deal_moved',
    outcome: 'applied',
    orderId: 3,
    orderNumber: '#1003',
    dealId: 6,
    dealName: 'Office chairs',
    from: 'New',
    to: 'Invoice sent',
    rule: 'Paid → Invoice sent',
    funnelName: 'Sales',
    trigger: 'Order #1003: Paid',
    ...overrides,
  };
}

/** A small RFC 4180 reader, so the tests check what a spreadsheet would see, not string shapes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV export', () => {
  it('writes a header and one row per entry with ISO times, CRLF line ends and a BOM', () => {
    const csv = activityToCsv([entry()]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([
      'time',
      'kind',
      'outcome',
      'order_id',
      'order_number',
      'deal_id',
      'deal_name',
      'from',
      'to',
      'rule',
      'funnel',
      'trigger',
      'id',
    ]);
    expect(rows[1]).toEqual([
      '2024-05-01T09:30:00.000Z',
      'deal_moved',
      'applied',
      '3',
      '#1003',
      '6',
      'Office chairs',
      'New',
      'Invoice sent',
      'Paid → Invoice sent',
      'Sales',
      'Order #1003: Paid',
      'e1',
    ]);
    expect(rows).toHaveLength(2);
  });

  it('round-trips commas, quotes, line breaks and Cyrillic', () => {
    const name = 'Стулья, "офисные"\r\nвторая строка\nтретья';
    const rows = parseCsv(activityToCsv([entry({ dealName: name })]).slice(1));
    expect(rows[1][6]).toBe(name);
    expect(rows).toHaveLength(2);
  });

  it.each(['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'neutralises a cell starting a formula: %j',
    (hostile) => {
      const rows = parseCsv(activityToCsv([entry({ dealName: hostile, trigger: hostile })]).slice(1));
      expect(rows[1][6]).toBe(`'${hostile}`);
      expect(rows[1][11]).toBe(`'${hostile}`);
    },
  );

  it('leaves markup as plain text (it is data, never rendered) and empties nulls', () => {
    const rows = parseCsv(
      activityToCsv([entry({ dealName: '<img src=x onerror=alert(1)>', from: null, orderId: null })]).slice(1),
    );
    expect(rows[1][6]).toBe('<img src=x onerror=alert(1)>');
    expect(rows[1][7]).toBe('');
    expect(rows[1][3]).toBe('');
  });

  it('keeps numbers as numbers and quotes cells with outer spaces', () => {
    expect(csvCell(42)).toBe('42');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell(null)).toBe('');
  });
});

describe('JSON export', () => {
  it('holds every entry unchanged, hostile text included, and parses back', () => {
    const entries = [
      entry(),
      entry({ id: 'e2', dealName: '</script><script>alert(1)</script>', kind: 'problem', outcome: 'failed' }),
    ];
    const parsed = z
      .object({
        format: z.literal('dealbridge-activity'),
        version: z.literal(1),
        exportedAt: z.string(),
        entries: z.array(activityEntrySchema),
      })
      .parse(JSON.parse(activityToJson(entries, Date.UTC(2024, 4, 2))));
    expect(parsed.entries).toEqual(entries);
    expect(parsed.exportedAt).toBe('2024-05-02T00:00:00.000Z');
  });
});

describe('export file', () => {
  it('names the file by day and format', () => {
    const now = Date.UTC(2024, 4, 2, 12);
    expect(exportActivity([], 'csv', now)).toMatchObject({
      filename: 'dealbridge-activity-2024-05-02.csv',
      mime: 'text/csv;charset=utf-8',
    });
    expect(exportActivity([], 'json', now)).toMatchObject({
      filename: 'dealbridge-activity-2024-05-02.json',
      mime: 'application/json',
    });
  });
});
