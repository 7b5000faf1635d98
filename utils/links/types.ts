/**
 * The order ↔ deal link. The source of truth is Webasyst itself (deal.external_id =
 * "shop:<order id>"); this is only Dealbridge's cache of it, kept behind an interface so
 * that a store for shop and CRM in different installations can slot in later.
 */
export interface Link {
  orderId: number;
  dealId: number;
  /** When Dealbridge last read this link from Webasyst as new or changed (a full refresh leaves unchanged links as they were). */
  confirmedAt: number;
}

export interface LinkStore {
  byOrder(orderId: number): Promise<Link | null>;
  byDeal(dealId: number): Promise<Link | null>;
  /** Records a link confirmed by a read of Webasyst. */
  put(link: Link): Promise<void>;
  /** Forgets a link that Webasyst no longer has (deal deleted, relinked). */
  remove(orderId: number): Promise<void>;
  all(): Promise<Link[]>;
  clear(): Promise<void>;
}

/** "shop:123" → 123; anything else → null (same rule as Webasyst's /^shop:(\d+)$/). */
export function orderIdFromExternalId(externalId: string | null | undefined): number | null {
  const match = /^shop:(\d+)$/.exec(externalId ?? '');
  return match ? Number(match[1]) : null;
}

export function externalIdForOrder(orderId: number): string {
  return `shop:${orderId}`;
}
