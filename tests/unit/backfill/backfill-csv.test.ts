// The CSV of a run's results: quoted cells, and names a spreadsheet would run as formulas defused.
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvLines } from '../../../utils/backfill/csv';

describe('backfill CSV', () => {
  it('quotes every cell and defuses formulas', () => {
    const line = csvLines([
      {
        seq: 0,
        orderId: 8,
        orderNumber: '#1008',
        customer: '=HYPERLINK("x")',
        action: 'link',
        outcome: 'linked',
        dealId: 12,
        dealName: 'Chairs, "big"',
        reason: null,
        note: null,
      },
    ]);
    expect(line).toBe(`"8","#1008","'=HYPERLINK(""x"")","link","linked","12","Chairs, ""big""","",""\r\n`);
    expect(CSV_HEADER).toHaveLength(9);
  });
});
