// Order storage with an index by "updated" (IFNULL(update_datetime,
// create_datetime)) so that `sort=updated` over 100k orders stays cheap.
import type { Order, OrderItem, OrderLogEntry } from './types';

export interface LazyOrderParts {
  items(order: Order): OrderItem[];
  log(order: Order): OrderLogEntry[];
}

export const updatedKey = (o: Order) => o.updatedAt ?? o.createdAt;

function compare(a: Order, b: Order): number {
  return updatedKey(a) - updatedKey(b) || a.id - b.id;
}

export class OrderStore {
  private byId: (Order | undefined)[] = [];
  /** ascending by (updated, id) */
  private sorted: Order[] = [];
  private unsorted = false;
  lazy: LazyOrderParts | null = null;
  nextOrderId = 1;
  nextItemId = 1;
  nextLogId = 1;
  count = 0;
  /** Orders per customer (crm.deal.info shows the count); an order's customer never changes. */
  private readonly perContact = new Map<number, number>();

  add(order: Order): void {
    this.byId[order.id] = order;
    this.count++;
    if (order.contactId !== null) this.perContact.set(order.contactId, (this.perContact.get(order.contactId) ?? 0) + 1);
    this.nextOrderId = Math.max(this.nextOrderId, order.id + 1);
    for (const item of order.items ?? []) this.nextItemId = Math.max(this.nextItemId, item.id + 1);
    for (const log of order.log ?? []) this.nextLogId = Math.max(this.nextLogId, log.id + 1);
    const last = this.sorted[this.sorted.length - 1];
    if (!this.unsorted && last && compare(last, order) > 0) this.unsorted = true;
    this.sorted.push(order);
  }

  countOfContact(contactId: number): number {
    return this.perContact.get(contactId) ?? 0;
  }

  get(id: number): Order | undefined {
    return Number.isInteger(id) && id > 0 ? this.byId[id] : undefined;
  }

  /** All orders, ascending by id. */
  *all(): Iterable<Order> {
    for (const o of this.byId) if (o) yield o;
  }

  /** All orders ascending by (updated, id). */
  byUpdated(): readonly Order[] {
    if (this.unsorted) {
      this.sorted.sort(compare);
      this.unsorted = false;
    }
    return this.sorted;
  }

  /** Change update_datetime and keep the index in order. */
  setUpdatedAt(order: Order, ms: number): void {
    const sorted = this.byUpdated() as Order[];
    const at = this.indexOf(order);
    if (at >= 0) sorted.splice(at, 1);
    order.updatedAt = ms;
    this.sorted.splice(this.insertionPoint(order), 0, order);
  }

  items(order: Order): OrderItem[] {
    return order.items ?? this.lazy?.items(order) ?? [];
  }

  log(order: Order): OrderLogEntry[] {
    return order.log ?? this.lazy?.log(order) ?? [];
  }

  /** The order's log as a stored, writable array (materialises generated rows). */
  writableLog(order: Order): OrderLogEntry[] {
    if (!order.log) order.log = this.log(order).map((e) => ({ ...e }));
    return order.log;
  }

  private indexOf(order: Order): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(this.sorted[mid], order) < 0) lo = mid + 1;
      else hi = mid;
    }
    return this.sorted[lo] === order ? lo : this.sorted.indexOf(order);
  }

  private insertionPoint(order: Order): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(this.sorted[mid], order) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
