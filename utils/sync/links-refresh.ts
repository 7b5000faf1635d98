import { linkStore } from '../db/links';
import { getMeta } from '../db/meta';
import type { EngineContext } from './context';
import type { DealView } from './ports';

/** crm.deal.list's largest page. */
const PAGE = 500;
/**
 * Pages overlap by this many deals: a deal deleted while we page shifts the rest forward by
 * one, and the overlap keeps the deal that moves across a page boundary from being skipped.
 */
const OVERLAP = 10;
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
  let offset = 0;
  for (;;) {
    const { deals, total } = await ctx.ports.listDeals(offset, PAGE);
    for (const deal of deals) noteDeal(deal, seen, lowest);
    if (deals.length < PAGE || offset + deals.length >= total) break;
    offset += deals.length - OVERLAP;
  }
  // The deals just read serve as the re-read before writing, while the feed shows no change to them.
  // Not checked yet: the first use reads the feed past minId.
  if (minId !== null) ctx.rememberBulk([...seen.values()], minId, Number.NEGATIVE_INFINITY);
  await linkStore.replaceAll([...lowest].map(([orderId, dealId]) => ({ orderId, dealId, confirmedAt: ctx.now() })));
  ctx.linksCompleteAt = ctx.now();
}

function noteDeal(deal: DealView, seen: Map<number, DealView>, lowest: Map<number, number>): void {
  if (seen.has(deal.id)) return;
  seen.set(deal.id, deal);
  if (deal.orderId === null) return;
  const known = lowest.get(deal.orderId);
  if (known === undefined || deal.id < known) lowest.set(deal.orderId, deal.id);
}
