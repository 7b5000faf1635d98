import type { ApiClient } from '../client';
import type { Params } from '../encode';
import {
  shopOrderActionResultSchema,
  shopOrderActionsSchema,
  shopOrderLogSchema,
  shopOrderSchema,
  shopOrderSearchSchema,
  shopSettingsSchema,
} from '../schemas/shop';

/** Shop-Script methods: GET parameters in the query, POST parameters form-encoded ($_POST). */

export interface ShopOrderSearchParams {
  /** Collection hash: "" (all), "id/1,2,3", "search/state_id=paid&contact_id=5". */
  hash?: string;
  offset?: number;
  /** 0–1000 (Webasyst's limit). */
  limit?: number;
  /** Extra fields, e.g. ["contact", "state"]. */
  fields?: string[];
  /** "updated DESC", "create_datetime ASC", … */
  sort?: string;
}

export function shopOrderSearch(client: ApiClient, params: ShopOrderSearchParams = {}) {
  const query: Params = {
    hash: params.hash,
    offset: params.offset,
    limit: params.limit,
    fields: params.fields?.length ? params.fields.join(',') : undefined,
    sort: params.sort,
  };
  return client.call({ method: 'shop.order.search', query, schema: shopOrderSearchSchema });
}

export function shopOrderGetInfo(client: ApiClient, params: { id: number }) {
  return client.call({ method: 'shop.order.getInfo', query: { id: params.id }, schema: shopOrderSchema });
}

/** Actions available now for the order, filtered by the user's rights. */
export function shopOrderActions(client: ApiClient, params: { id: number }) {
  return client.call({ method: 'shop.order.actions', query: { id: params.id }, schema: shopOrderActionsSchema });
}

/**
 * Runs a workflow action, checked by Webasyst against the order's state and the user's
 * rights (unlike shop.order.process/ship/…). `data` carries an action form's fields.
 * Never retried by the client: a lost reply must be checked by reading the order log.
 */
export function shopOrderAction(client: ApiClient, params: { id: number; action: string; data?: Params }) {
  return client.call({
    method: 'shop.order.action',
    verb: 'POST',
    form: { ...params.data, id: params.id, action: params.action },
    schema: shopOrderActionResultSchema,
  });
}

/** The order's history, newest first. */
export function shopOrderLog(client: ApiClient, params: { id: number }) {
  return client.call({ method: 'shop.order.log', query: { id: params.id }, schema: shopOrderLogSchema });
}

export function shopSettingsGet(client: ApiClient) {
  return client.call({ method: 'shop.settings.get', schema: shopSettingsSchema });
}
