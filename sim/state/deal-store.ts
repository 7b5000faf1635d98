// Deals by id, with indexes by customer and by external_id so that lookups stay O(1) at
// the scale seed's 20,000 deals (crm.deal.info counts a customer's deals; Shop's
// integration finds an order's deal by external_id).
import type { Deal } from './types';

function addTo<K>(index: Map<K, Set<number>>, key: K, id: number): void {
  let ids = index.get(key);
  if (!ids) {
    ids = new Set();
    index.set(key, ids);
  }
  ids.add(id);
}

function removeFrom<K>(index: Map<K, Set<number>>, key: K, id: number): void {
  const ids = index.get(key);
  if (!ids) return;
  ids.delete(id);
  if (!ids.size) index.delete(key);
}

export class DealStore extends Map<number, Deal> {
  private readonly byContact = new Map<number, Set<number>>();
  /** external_id → deal ids; verified on read, since a deal's external_id is set in place. */
  private readonly byExternal = new Map<string, Set<number>>();
  /** What each deal was indexed under, to unindex it after an in-place change. */
  private readonly indexedAs = new Map<number, { contactId: number; externalId: string | null }>();

  override set(id: number, deal: Deal): this {
    // Map's constructor calls set() before the fields below exist.
    if (!this.indexedAs) return super.set(id, deal);
    this.unindex(id);
    super.set(id, deal);
    this.index(deal);
    return this;
  }

  override delete(id: number): boolean {
    this.unindex(id);
    return super.delete(id);
  }

  override clear(): void {
    this.byContact.clear();
    this.byExternal.clear();
    this.indexedAs.clear();
    super.clear();
  }

  /** Call after changing a stored deal's contactId or externalId in place. */
  reindex(deal: Deal): void {
    this.unindex(deal.id);
    if (this.get(deal.id) === deal) this.index(deal);
  }

  /** The customer's deals, ascending by id. */
  ofContact(contactId: number): Deal[] {
    const ids = this.byContact.get(contactId);
    if (!ids) return [];
    return [...ids]
      .sort((a, b) => a - b)
      .map((id) => this.get(id)!)
      .filter((d) => d && d.contactId === contactId);
  }

  /** Deals carrying this external_id, ascending by id. */
  withExternalId(externalId: string): Deal[] {
    const ids = this.byExternal.get(externalId);
    if (!ids) return [];
    const found: Deal[] = [];
    for (const id of [...ids].sort((a, b) => a - b)) {
      const deal = this.get(id);
      if (deal?.externalId === externalId) found.push(deal);
      else if (deal) this.reindex(deal);
    }
    return found;
  }

  private index(deal: Deal): void {
    addTo(this.byContact, deal.contactId, deal.id);
    if (deal.externalId) addTo(this.byExternal, deal.externalId, deal.id);
    this.indexedAs.set(deal.id, { contactId: deal.contactId, externalId: deal.externalId });
  }

  private unindex(id: number): void {
    const was = this.indexedAs.get(id);
    if (!was) return;
    removeFrom(this.byContact, was.contactId, id);
    if (was.externalId) removeFrom(this.byExternal, was.externalId, id);
    this.indexedAs.delete(id);
  }
}
