// CRM's activity log (crm_log): append-only, ids ascending.
import type { HistoryEntry } from './types';

export class HistoryLog {
  readonly entries: HistoryEntry[] = [];
  nextId = 1;

  add(entry: Omit<HistoryEntry, 'id'>): HistoryEntry {
    const full = { ...entry, id: this.nextId++ };
    this.entries.push(full);
    return full;
  }

  /** Index of the first entry with id > minId (binary search; ids ascend). */
  firstAfter(minId: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid].id <= minId) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The "ever" loop guard of the built-in integration. */
  hasDealEntry(dealId: number, action: string): boolean {
    return this.entries.some((e) => e.dealId === dealId && e.action === action);
  }
}
