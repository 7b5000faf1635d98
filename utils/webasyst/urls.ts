/**
 * Stable addresses in a Webasyst backend (the same in UI 1.3 and 2.0), built from the
 * installation root ("https://shop.example.com/").
 */
function withSlash(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}

export function orderUrl(baseUrl: string, orderId: number): string {
  return `${withSlash(baseUrl)}webasyst/shop/?action=orders#/order/${orderId}/`;
}

/** Shop-Script's New order page with the customer already chosen (its customer profile's "Add order" link). */
export function newOrderUrl(baseUrl: string, customerId: number): string {
  return `${withSlash(baseUrl)}webasyst/shop/?action=orders#/orders/new/customer_id=${customerId}`;
}

export function dealUrl(baseUrl: string, dealId: number): string {
  return `${withSlash(baseUrl)}webasyst/crm/deal/${dealId}/`;
}

/**
 * The order page with one of its actions to open: the order-page script presses that
 * action's button once the order is shown, so Shop-Script's own form opens, then drops the
 * marker from the address (a reload does not open it again). Shop-Script ignores the parameter.
 */
const RUN_MARKER = 'dealbridge_run';

export function runInShopUrl(baseUrl: string, orderId: number, actionId: string): string {
  const marker = encodeURIComponent(`${orderId}:${actionId}`);
  return `${withSlash(baseUrl)}webasyst/shop/?action=orders&${RUN_MARKER}=${marker}#/order/${orderId}/`;
}

export interface RunMarker {
  orderId: number;
  actionId: string;
}

/** Reads the marker from a query string ("?action=orders&dealbridge_run=7%3Apay"). */
export function parseRunMarker(search: string): RunMarker | null {
  const value = new URLSearchParams(search).get(RUN_MARKER);
  const match = value ? /^(\d+):([A-Za-z0-9_.-]{1,64})$/.exec(value) : null;
  return match ? { orderId: Number(match[1]), actionId: match[2] } : null;
}

/** The same query string without the marker. */
export function withoutRunMarker(search: string): string {
  const params = new URLSearchParams(search);
  params.delete(RUN_MARKER);
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}
