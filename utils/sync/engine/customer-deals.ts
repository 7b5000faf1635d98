import type { DealCache } from './deal-cache';
import type { DealView, SyncPorts } from './ports';

/**
 * A customer's deals, read once per run: many changed orders of one customer cost one
 * lookup. Not for the check right before creating a deal, which must be fresh.
 */
export class CustomerDeals {
  private readonly byContact = new Map<number, Promise<DealView[]>>();

  constructor(
    private readonly ports: () => SyncPorts,
    private readonly deals: DealCache,
  ) {}

  of(contactId: number): Promise<DealView[]> {
    let deals = this.byContact.get(contactId);
    if (!deals) {
      deals = this.ports()
        .dealsOfContact(contactId)
        .then((list) => {
          for (const deal of list) this.deals.remember(deal.id, deal);
          return list;
        });
      // A failed lookup is not remembered: the next order of this customer asks again.
      deals.catch(() => this.byContact.delete(contactId));
      this.byContact.set(contactId, deals);
    }
    return deals;
  }
}
