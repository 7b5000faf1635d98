import { linkStore } from '../../db/links';
import { getMeta } from '../../db/meta';
import { runBounded } from '../engine/bounded';
import type { EngineContext } from '../engine/context';
import type { DealView } from '../engine/ports';

/** crm.deal.list's largest page. */
const PAGE = 500;
/**
 * Pages overlap by this many deals: a deal deleted while we page shifts the rest forward by
 * one, and the overlap keeps the deal that moves across a page boundary from being skipped.
 */
const OVERLAP = 10;
/** Pages of the deal list read at once. */
const PAGE_CONCURRENCY = 3;
/** From this many changed orders in one cycle, reading every deal's link at once is cheaper than one lookup per customer. */
export const BULK_LINKS_FROM = 30;

/**
 * Reads every deal's external_id (crm.deal.list, oldest first) and makes the link cache
 * exactly what Webasyst says now: the lowest deal id per order, like Webasyst's own lookup.
 * After it, a miss in the cache means "not linked" for the rest of this cycle.
 */
export async function refreshAllLinks(ctx: EngineContext): Promise<void> {
  // Deals are listed after this point of the history feed: what changes later shows there.
  const minId = (await getMeta('cursor.history'))?.minId ?? null;
  const lowest = new Map<number, number>();
  const seen = new Map<number, DealView>();
  const first = await ctx.ports.listDeals(0, PAGE);
  for (const deal of first.deals) noteDeal(deal, seen, lowest);
  if (first.deals.length === PAGE && first.total > PAGE) {
    // The total tells every page's offset: read them a few at a time. Each starts a little
    // before the previous one ends; a page that comes back short ends the listing.
    const offsets: number[] = [];
    for (let offset = PAGE - OVERLAP; offset < first.total; offset += PAGE - OVERLAP) offsets.push(offset);
    let more = true;
    await runBounded(
      offsets,
      (offset) => [`page:${offset}`],
      PAGE_CONCURRENCY,
      async (offset) => {
        if (!more) return;
        const { deals } = await ctx.ports.listDeals(offset, PAGE);
        for (const deal of deals) noteDeal(deal, seen, lowest);
        if (deals.length < PAGE) more = false;
      },
    );
    // Deals added while we read (the total grew) are past the last offset: read on from there.
    let offset = offsets.at(-1)! + PAGE - OVERLAP;
    while (more) {
      const { deals } = await ctx.ports.listDeals(offset, PAGE);
      for (const deal of deals) noteDeal(deal, seen, lowest);
      if (deals.length < PAGE) break;
      offset += PAGE - OVERLAP;
    }
  }
  // The deals just read serve as the re-read before writing, while the feed shows no change to them.
  // Not checked yet: the first use reads the feed past minId.
  if (minId !== null) ctx.deals.rememberBulk([...seen.values()], minId, Number.NEGATIVE_INFINITY);
  await linkStore.replaceAll([...lowest].map(([orderId, dealId]) => ({ orderId, dealId, confirmedAt: ctx.now() })));
  ctx.deals.linksCompleteAt = ctx.now();
}

function noteDeal(deal: DealView, seen: Map<number, DealView>, lowest: Map<number, number>): void {
  if (seen.has(deal.id)) return;
  seen.set(deal.id, deal);
  if (deal.orderId === null) return;
  const known = lowest.get(deal.orderId);
  if (known === undefined || deal.id < known) lowest.set(deal.orderId, deal.id);
}
