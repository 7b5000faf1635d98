import type { DealView, HistoryItem, SyncPorts } from './ports';

/** A read this recent counts as "re-read" for the write that follows it in the same run. */
const FRESH_MS = 5_000;
/** How often deals read in bulk are checked against the history feed. */
const BULK_RECHECK_MS = 2_000;

interface DealCacheDeps {
  ports: () => SyncPorts;
  now: () => number;
  /** The history feed past an id (observe/history-read.ts), to tell which bulk-read deals changed. */
  readHistory: (minId: number) => Promise<HistoryItem[]>;
}

/**
 * The deals one engine run has read, with how fresh each still is. A deal read moments ago
 * counts as re-read for the write that follows; one listed in bulk (links-refresh) stays
 * current as long as the history feed shows no entry for it. Lost with the run.
 */
export class DealCache {
  /** `bulk`: read with every other deal and kept current by the history feed, see recheckBulk. */
  private readonly deals = new Map<number, { deal: DealView | null; at: number; bulk?: boolean }>();
  /** The history id up to which bulk-read deals are known unchanged, and when that was checked. */
  private bulkMark: { minId: number; checkedAt: number } | null = null;
  private bulkCheck: Promise<void> | null = null;
  /** When this run read every deal's link (links-refresh): from then on a cache miss means "not linked". */
  linksCompleteAt: number | null = null;

  constructor(private readonly deps: DealCacheDeps) {}

  /** The deal as Webasyst has it now: from this run's cache if read moments ago, else read again. */
  async get(dealId: number, { fresh }: { fresh: boolean } = { fresh: false }): Promise<DealView | null> {
    if (!fresh) {
      const known = await this.ifKnown(dealId);
      if (known !== undefined) return known;
    }
    const deal = await this.deps.ports().getDeal(dealId);
    this.remember(dealId, deal);
    return deal;
  }

  /**
   * The deal as this run already knows it (read moments ago, or listed in bulk and unchanged
   * in the history feed since); undefined when only a read could tell. Costs at most one
   * read of the feed every BULK_RECHECK_MS, never a read of the deal.
   */
  async ifKnown(dealId: number): Promise<DealView | null | undefined> {
    const now = this.deps.now();
    let cached = this.deals.get(dealId);
    if (cached?.bulk && this.bulkMark) {
      if (now - this.bulkMark.checkedAt >= BULK_RECHECK_MS) await this.recheckBulk();
      cached = this.deals.get(dealId);
      if (cached?.bulk && this.deps.now() - this.bulkMark.checkedAt < FRESH_MS) return cached.deal;
    }
    if (cached && !cached.bulk && this.deps.now() - cached.at < FRESH_MS) return cached.deal;
    return undefined;
  }

  /**
   * Every deal as crm.deal.list showed it, read after the history feed's `minId`: a deal with
   * no history entry past that id has not changed since, so it counts as just read (a deal's
   * stage and status change only with an entry in the feed). Checked every BULK_RECHECK_MS.
   */
  rememberBulk(deals: readonly DealView[], minId: number, checkedAt: number): void {
    for (const deal of deals) this.deals.set(deal.id, { deal, at: checkedAt, bulk: true });
    this.bulkMark = { minId, checkedAt };
  }

  remember(dealId: number, deal: DealView | null): void {
    this.deals.set(dealId, { deal, at: this.deps.now() });
  }

  forget(dealId: number): void {
    this.deals.delete(dealId);
  }

  /** One read of the history feed forgets every bulk-read deal that changed since the last look. */
  private recheckBulk(): Promise<void> {
    this.bulkCheck ??= (async () => {
      const mark = this.bulkMark!;
      const startedAt = this.deps.now();
      const entries = await this.deps.readHistory(mark.minId);
      let minId = mark.minId;
      for (const entry of entries) {
        minId = Math.max(minId, entry.id);
        if (entry.dealId !== null && this.deals.get(entry.dealId)?.bulk) this.deals.delete(entry.dealId);
      }
      this.bulkMark = { minId, checkedAt: startedAt };
    })().finally(() => {
      this.bulkCheck = null;
    });
    return this.bulkCheck;
  }
}
