import { ApiClient, type ApiClientOptions } from './client';
import * as shop from './methods/shop';
import * as crm from './methods/crm';
import * as webasyst from './methods/webasyst';

type Bound<F> = F extends (client: ApiClient, ...args: infer A) => infer R ? (...args: A) => R : never;

/**
 * The typed Webasyst API, one function per method Dealbridge uses, named after the
 * api.php method (shopOrderSearch = shop.order.search). Background only: it holds the token.
 * Every reply is validated; every failure is an ApiError (see ./errors).
 */
export interface WebasystApi {
  readonly baseUrl: string;
  /** HTTP requests sent so far through this connection's client (for the benchmark). */
  readonly requestCount: number;
  shopOrderSearch: Bound<typeof shop.shopOrderSearch>;
  shopOrderGetInfo: Bound<typeof shop.shopOrderGetInfo>;
  shopOrderActions: Bound<typeof shop.shopOrderActions>;
  shopOrderAction: Bound<typeof shop.shopOrderAction>;
  shopOrderLog: Bound<typeof shop.shopOrderLog>;
  shopSettingsGet: Bound<typeof shop.shopSettingsGet>;
  crmDealList: Bound<typeof crm.crmDealList>;
  crmDealListLinks: Bound<typeof crm.crmDealListLinks>;
  crmDealInfo: Bound<typeof crm.crmDealInfo>;
  crmDealAdd: Bound<typeof crm.crmDealAdd>;
  crmDealMove: Bound<typeof crm.crmDealMove>;
  crmDealMoveMany: Bound<typeof crm.crmDealMoveMany>;
  crmDealClose: Bound<typeof crm.crmDealClose>;
  crmDealReopen: Bound<typeof crm.crmDealReopen>;
  crmDealDelete: Bound<typeof crm.crmDealDelete>;
  crmDealPatch: Bound<typeof crm.crmDealPatch>;
  crmFunnelList: Bound<typeof crm.crmFunnelList>;
  crmHistory: Bound<typeof crm.crmHistory>;
  crmUserMe: Bound<typeof crm.crmUserMe>;
  crmUserList: Bound<typeof crm.crmUserList>;
  crmCurrencyList: Bound<typeof crm.crmCurrencyList>;
  webasystGetInfo: Bound<typeof webasyst.webasystGetInfo>;
}

export function createWebasystApi(options: ApiClientOptions): WebasystApi {
  return bindApi(new ApiClient(options));
}

export function bindApi(client: ApiClient): WebasystApi {
  const bind =
    <A extends unknown[], R>(fn: (client: ApiClient, ...args: A) => R) =>
    (...args: A) =>
      fn(client, ...args);
  return {
    baseUrl: client.baseUrl,
    get requestCount() {
      return client.requestCount;
    },
    shopOrderSearch: bind(shop.shopOrderSearch),
    shopOrderGetInfo: bind(shop.shopOrderGetInfo),
    shopOrderActions: bind(shop.shopOrderActions),
    shopOrderAction: bind(shop.shopOrderAction),
    shopOrderLog: bind(shop.shopOrderLog),
    shopSettingsGet: bind(shop.shopSettingsGet),
    crmDealList: bind(crm.crmDealList),
    crmDealListLinks: bind(crm.crmDealListLinks),
    crmDealInfo: bind(crm.crmDealInfo),
    crmDealAdd: bind(crm.crmDealAdd),
    crmDealMove: bind(crm.crmDealMove),
    crmDealMoveMany: bind(crm.crmDealMoveMany),
    crmDealClose: bind(crm.crmDealClose),
    crmDealReopen: bind(crm.crmDealReopen),
    crmDealDelete: bind(crm.crmDealDelete),
    crmDealPatch: bind(crm.crmDealPatch),
    crmFunnelList: bind(crm.crmFunnelList),
    crmHistory: bind(crm.crmHistory),
    crmUserMe: bind(crm.crmUserMe),
    crmUserList: bind(crm.crmUserList),
    crmCurrencyList: bind(crm.crmCurrencyList),
    webasystGetInfo: bind(webasyst.webasystGetInfo),
  };
}

export { isApiError } from './errors';
export type {
  ShopOrder,
  ShopOrderState,
} from './schemas/shop';
