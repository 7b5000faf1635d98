// shop.order.search collection hashes (shopOrdersCollection): "", "all",
// "id/1,2,3", "search/COND&COND" with =, ==, !=, >, >=, <, <=, ^=, $=, *=.
import { parseShopDatetime } from '../../state/format';
import { updatedKey } from '../../state/orders';
import type { SimState } from '../../state/state';
import type { Order } from '../../state/types';

export type Predicate = (o: Order) => boolean;

const OPERATORS = ['!=', '>=', '<=', '==', '^=', '$=', '*=', '=', '>', '<'];
const DATETIME_FIELDS: Record<string, (o: Order) => number | null> = {
  create_datetime: (o) => o.createdAt,
  update_datetime: (o) => o.updatedAt,
  paid_datetime: (o) => o.paidAt,
  paid_date: (o) => o.paidAt,
  auth_date: (o) => o.authAt,
  shipping_datetime: (o) => o.shippingAt,
};
const NUMBER_FIELDS: Record<string, (o: Order) => number | null> = {
  id: (o) => o.id,
  contact_id: (o) => o.contactId,
  total: (o) => o.total,
  tax: (o) => o.tax,
  shipping: (o) => o.shipping,
  discount: (o) => o.discount,
  rate: (o) => o.rate,
  assigned_contact_id: (o) => o.assignedContactId,
  is_first: (o) => (o.isFirst ? 1 : 0),
  unsettled: (o) => (o.unsettled ? 1 : 0),
};
const STRING_FIELDS: Record<string, (o: Order) => string | null> = {
  state_id: (o) => o.stateId,
  currency: (o) => o.currency,
  comment: (o) => o.comment,
};

/** Split on '&' that is not escaped as '\&'. */
export function splitConditions(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === '&') {
      cur += '&';
      i++;
    } else if (text[i] === '&') {
      out.push(cur);
      cur = '';
    } else cur += text[i];
  }
  out.push(cur);
  return out.filter((c) => c.length > 0);
}

export function parseCondition(cond: string): { field: string; op: string; value: string } | null {
  const m = /^([A-Za-z0-9_.]+?)(!=|>=|<=|==|\^=|\$=|\*=|=|>|<)(.*)$/s.exec(cond);
  if (!m || !OPERATORS.includes(m[2])) return null;
  return { field: m[1], op: m[2] === '==' ? '=' : m[2], value: m[3] };
}

function compareWith<T extends number | string>(op: string, actual: T | null, values: (T | null)[]): boolean {
  if (op === '=') return values.some((v) => (v === null ? actual === null : actual !== null && actual === v));
  const v = values[0];
  if (op === '!=') return v === null ? actual !== null : actual !== null && actual !== v;
  if (actual === null || v === null) return false;
  switch (op) {
    case '>':
      return actual > v;
    case '>=':
      return actual >= v;
    case '<':
      return actual < v;
    case '<=':
      return actual <= v;
    default:
      return false;
  }
}

function likeOp(op: string, actual: string | null, value: string): boolean {
  if (actual === null) return false;
  const a = actual.toLowerCase();
  const v = value.toLowerCase();
  if (op === '^=') return a.startsWith(v);
  if (op === '$=') return a.endsWith(v);
  return a.includes(v);
}

function stringPredicate(get: (o: Order) => string | null, op: string, raw: string): Predicate {
  if (['^=', '$=', '*='].includes(op)) return (o) => likeOp(op, get(o), raw);
  const values = raw.split('||').map((v) => (v === 'NULL' ? null : v));
  return (o) => compareWith(op, get(o), values);
}

function conditionPredicate(state: SimState, field: string, op: string, raw: string): Predicate | null {
  const shift = state.shop.shiftSeconds;
  if (field in DATETIME_FIELDS) {
    const get = DATETIME_FIELDS[field];
    const values = raw.split('||').map((v) => (v === 'NULL' ? null : parseShopDatetime(v, shift)));
    // A value that is not a date compares like MySQL would: as nothing matching.
    if (values.some((v, i) => v === null && raw.split('||')[i] !== 'NULL')) return () => false;
    return (o) => compareWith(op, get(o), values);
  }
  if (field in NUMBER_FIELDS) {
    const get = NUMBER_FIELDS[field];
    const prefix = state.shop.orderFormatPrefix;
    const values = raw.split('||').map((v) => {
      if (v === 'NULL') return null;
      // id also accepts the formatted number ("#1001").
      if (field === 'id' && v.startsWith(prefix) && prefix) return Number(v.slice(prefix.length));
      return Number(v);
    });
    if (['^=', '$=', '*='].includes(op)) return (o) => likeOp(op, str(get(o)), raw);
    return (o) => compareWith(op, get(o), values);
  }
  if (field in STRING_FIELDS) return stringPredicate(STRING_FIELDS[field], op, raw);
  if (field.startsWith('params.')) {
    const name = field.slice(7);
    if (raw === 'EMPTY' || raw === 'NULL') {
      const missing = (o: Order) => o.params[name] === undefined || o.params[name] === '';
      return op === '!=' ? (o) => !missing(o) : missing;
    }
    return stringPredicate((o) => o.params[name] ?? null, op, raw);
  }
  if (field.startsWith('contact.') || field.startsWith('customer.')) {
    const sub = field.slice(field.indexOf('.') + 1);
    return stringPredicate(
      (o) => {
        const c = state.contact(o.contactId);
        if (!c) return null;
        if (sub === 'name') return [c.firstname, c.middlename, c.lastname].filter(Boolean).join(' ');
        if (sub === 'email' || sub === 'phone' || sub === 'firstname' || sub === 'lastname') return c[sub];
        return null;
      },
      op,
      raw,
    );
  }
  if (field.startsWith('items.')) {
    const sub = field.slice(6);
    const pick: Record<string, (i: ReturnType<SimState['orders']['items']>[number]) => string> = {
      name: (i) => i.name,
      sku_code: (i) => i.skuCode,
      product_id: (i) => String(i.productId),
      sku_id: (i) => String(i.skuId),
      type: (i) => i.type,
    };
    const get = pick[sub];
    if (!get) return null;
    return (o) => state.orders.items(o).some((item) => stringPredicate(() => get(item), op, raw)(o));
  }
  return null;
}

const str = (n: number | null) => (n === null ? null : String(n));

/** A hash → predicate (null = every order). Unknown fields are ignored, as the collection ignores them. */
export function parseHash(state: SimState, hash: string): Predicate | null {
  const h = hash.trim().replace(/^#?\/?/, '');
  if (h === '' || h === 'all') return null;
  if (h.startsWith('id/')) {
    const ids = new Set(
      h
        .slice(3)
        .split(',')
        .map((x) => Number(x.trim()))
        .filter(Number.isInteger),
    );
    return (o) => ids.has(o.id);
  }
  if (h.startsWith('search/')) {
    const preds = splitConditions(h.slice(7))
      .map(parseCondition)
      .filter((c): c is NonNullable<typeof c> => c !== null)
      .map((c) => conditionPredicate(state, c.field, c.op, c.value))
      .filter((p): p is Predicate => p !== null);
    return preds.length ? (o) => preds.every((p) => p(o)) : null;
  }
  // Other hash types (plugins, state/…) select nothing here.
  return () => false;
}

type SortKey = (o: Order) => number | string | null;
const SORT_KEYS: Record<string, SortKey> = {
  updated: updatedKey,
  amount: (o) => o.total,
  ...DATETIME_FIELDS,
  ...NUMBER_FIELDS,
  ...STRING_FIELDS,
};

export interface SearchResult {
  count: number;
  orders: Order[];
}

/** Filter + sort + page. `updated` walks the prebuilt index instead of sorting. */
export function searchOrders(
  state: SimState,
  pred: Predicate | null,
  sort: string,
  offset: number,
  limit: number,
): SearchResult {
  const m = /^\s*([a-z_]+)(?:\s+(asc|desc))?\s*$/i.exec(sort || '');
  const field = m && SORT_KEYS[m[1]] ? m[1] : 'create_datetime';
  const desc = m && SORT_KEYS[m[1]] ? (m[2] ?? 'asc').toLowerCase() === 'desc' : true;
  if (field === 'updated') {
    const index = state.orders.byUpdated();
    const page: Order[] = [];
    let count = 0;
    for (let k = 0; k < index.length; k++) {
      const o = index[desc ? index.length - 1 - k : k];
      if (pred && !pred(o)) continue;
      if (count >= offset && page.length < limit) page.push(o);
      count++;
    }
    return { count, orders: page };
  }
  const key = SORT_KEYS[field];
  const all: Order[] = [];
  for (const o of state.orders.all()) if (!pred || pred(o)) all.push(o);
  const dir = desc ? -1 : 1;
  all.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === y) return a.id - b.id;
    if (x === null) return -dir;
    if (y === null) return dir;
    return (x < y ? -1 : 1) * dir;
  });
  return { count: all.length, orders: all.slice(offset, offset + limit) };
}
