import type { DealView, SyncPorts } from '../engine/ports';

/**
 * The one way Dealbridge writes an order ↔ deal link (automatic creation and the backfill of
 * existing orders both come here): the backend endpoint checks nothing, so the customer's deals
 * are read again right before writing (after a random pause, so that two browsers that saw the
 * same order a moment apart do not both find it unlinked), and again after it. Several deals
 * linked to one order: the lowest id stays, as in Webasyst's own lookup, and only the deal we
 * made ourselves is ours to delete.
 */
export interface LinkedDealRequest {
  orderId: number;
  contactId: number;
  funnelId: number;
  stageId: number;
  ownerId: number | null;
  /** Bind this open, unlinked deal of the customer instead of creating one. */
  bindDealId?: number | null;
}

export interface LinkedDealDeps {
  ports: Pick<SyncPorts, 'dealsOfContact' | 'createLinkedDeal' | 'deleteDeal'>;
  random: () => number;
  jitterMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface LinkedDealHooks {
  /** Right before the write goes out: record it as in flight (a lost reply is re-read later). */
  beforeWrite(): Promise<void>;
  /** The endpoint answered with this deal id. */
  afterWrite?(dealId: number): void;
  /** Another runner's deal stays and ours is about to be deleted: record what we did first. */
  beforeDelete?(keep: DealView): Promise<void>;
}

export type LinkedDealOutcome =
  /** A deal was linked to the order already when we looked right before writing. */
  | { kind: 'already'; keep: DealView }
  /** The deal to bind is no longer open, unlinked and the customer's: nothing was written. */
  | { kind: 'bind_gone' }
  /** Our write is the link. */
  | { kind: 'written'; dealId: number; keep: DealView }
  /** Another runner linked a deal a moment earlier: it stays; ours was deleted (or could not be). */
  | { kind: 'raced'; dealId: number; keep: DealView; linked: DealView[]; deleted: boolean }
  /** The endpoint answered, but the re-read does not show our deal linked. */
  | { kind: 'unverified'; dealId: number };

export async function writeLinkedDeal(
  deps: LinkedDealDeps,
  request: LinkedDealRequest,
  hooks: LinkedDealHooks,
): Promise<LinkedDealOutcome> {
  const { ports } = deps;
  const linkedDeals = (deals: DealView[]) =>
    deals.filter((d) => d.orderId === request.orderId).sort((a, b) => a.id - b.id);
  const jitter = Math.round(deps.random() * deps.jitterMs);
  if (jitter > 0) await (deps.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms))))(jitter);
  const current = await ports.dealsOfContact(request.contactId);
  const before = linkedDeals(current);
  if (before.length) return { kind: 'already', keep: before[0] };
  const bindId = request.bindDealId ?? null;
  if (bindId !== null) {
    // A bind of a deal that was linked or closed meanwhile would silently create a new deal.
    const target = current.find((d) => d.id === bindId);
    if (target?.status !== 'OPEN' || target.orderId !== null) return { kind: 'bind_gone' };
  }
  await hooks.beforeWrite();
  const dealId = await ports.createLinkedDeal({
    orderId: request.orderId,
    funnelId: request.funnelId,
    stageId: request.stageId,
    ownerId: request.ownerId,
    bindDealId: bindId,
  });
  hooks.afterWrite?.(dealId);
  // Verify by re-reading: the reply is only a number, and another browser may have raced us.
  const after = linkedDeals(await ports.dealsOfContact(request.contactId));
  if (!after.some((d) => d.id === dealId)) return { kind: 'unverified', dealId };
  const keep = after[0];
  if (keep.id === dealId) return { kind: 'written', dealId, keep };
  // A bind keeps an existing deal: it is never ours to delete.
  if (bindId !== null && dealId === bindId) return { kind: 'raced', dealId, keep, linked: after, deleted: false };
  await hooks.beforeDelete?.(keep);
  try {
    await ports.deleteDeal(dealId);
  } catch {
    return { kind: 'raced', dealId, keep, linked: after, deleted: false };
  }
  return { kind: 'raced', dealId, keep, linked: after, deleted: true };
}
