// CRM's activity log (crm_log): append-only, ids ascending.
import type { HistoryEntry } from './types';

export class HistoryLog {
  readonly entries: HistoryEntry[] = [];
  /** Each deal's entries, ids ascending: a deal's timeline without scanning the whole log. */
  private readonly byDeal = new Map<number, HistoryEntry[]>();
  nextId = 1;

  add(entry: Omit<HistoryEntry, 'id'>): HistoryEntry {
    const full = { ...entry, id: this.nextId++ };
    this.entries.push(full);
    if (full.dealId) {
      const list = this.byDeal.get(full.dealId);
      if (list) list.push(full);
      else this.byDeal.set(full.dealId, [full]);
    }
    return full;
  }

  /** The deal's entries, ids ascending (do not modify). */
  ofDeal(dealId: number): readonly HistoryEntry[] {
    return this.byDeal.get(dealId) ?? [];
  }

  /** Index of the first entry with id > minId (binary search; ids ascend). */
  firstAfter(minId: number): number {
    return HistoryLog.firstAfterIn(this.entries, minId);
  }

  static firstAfterIn(entries: readonly HistoryEntry[], minId: number): number {
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid].id <= minId) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The "ever" loop guard of the built-in integration. */
  hasDealEntry(dealId: number, action: string): boolean {
    return this.ofDeal(dealId).some((e) => e.action === action);
  }
}
