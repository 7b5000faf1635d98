import type { WebasystApi } from './index';
import type { CrmCurrency, CrmFunnel, CrmUser } from './schemas/crm';
import type { ShopOrderState, ShopSettings } from './schemas/shop';
import { requireApi } from '../connection/current';
import { onConnectionChanged } from '../connection/events';
import { formatOrderNumber } from './order-number';

export { formatOrderNumber };

/**
 * Slowly changing reference data (funnels and stages, users, order states, currencies,
 * action names), read once and kept for a short while so that every page view and sync
 * cycle does not re-read it. Each part is cached on its own, concurrent readers share one
 * request, and a failed read is not cached.
 */

const CATALOG_TTL_MS = 5 * 60_000;

/** Names of Shop-Script's default workflow actions, used until the installation tells its own. */
const DEFAULT_ACTION_NAMES: Record<string, string> = {
  create: 'Create',
  process: 'Process',
  pay: 'Paid',
  initpay: 'Initiate POS payment',
  fulfilling: 'Start fulfillment',
  ship: 'Sent',
  refund: 'Refund',
  edit: 'Edit order',
  editcode: 'Edit product codes',
  editshippingdetails: 'Edit shipping details',
  delete: 'Delete',
  restore: 'Restore',
  complete: 'Mark as Completed',
  message: 'Contact customer',
  comment: 'Add comment',
  callback: 'Callback',
  auth: 'Authorize payment',
  settle: 'Merge',
  cancel: 'Cancel payment',
  capture: 'Capture payment',
  pickup: 'Pick up',
  sendpin: 'Resend PIN',
};

export interface Catalog {
  funnels(): Promise<CrmFunnel[]>;
  users(): Promise<CrmUser[]>;
  /** The connected user as CRM knows them. */
  me(): Promise<CrmUser>;
  currencies(): Promise<CrmCurrency[]>;
  shopSettings(): Promise<ShopSettings>;
  orderStates(): Promise<ShopOrderState[]>;
  /** The installation's name for an action (learned from shop.order.actions/log), else Shop's default. */
  actionName(actionId: string): string;
  /** Remembers action names seen in shop.order.actions or shop.order.log replies. */
  learnActionNames(entries: Array<{ id: string; name: string | null }>): void;
  /** The order number as Shop-Script shows it ("#1003"), from the store's order format. */
  orderNumber(orderId: number): Promise<string>;
  /** Drops cached data (all of it, or one part) so the next read asks Webasyst again. */
  invalidate(part?: CatalogPart): void;
}

type CatalogPart = 'funnels' | 'users' | 'me' | 'currencies' | 'shopSettings';

export interface CatalogOptions {
  ttlMs?: number;
  now?: () => number;
}

export function createCatalog(getApi: () => Promise<WebasystApi>, options: CatalogOptions = {}): Catalog {
  const ttl = options.ttlMs ?? CATALOG_TTL_MS;
  const now = options.now ?? Date.now;
  const entries = new Map<CatalogPart, { baseUrl: string; at: number; value: Promise<unknown> }>();
  const learned = new Map<string, string>();

  function cachedPart<T>(part: CatalogPart, load: (api: WebasystApi) => Promise<T>): () => Promise<T> {
    return async () => {
      const api = await getApi();
      const entry = entries.get(part);
      if (entry && entry.baseUrl === api.baseUrl && now() - entry.at < ttl) return entry.value as Promise<T>;
      const value = load(api);
      const fresh = { baseUrl: api.baseUrl, at: now(), value };
      entries.set(part, fresh);
      value.catch(() => {
        if (entries.get(part) === fresh) entries.delete(part);
      });
      return value;
    };
  }

  const shopSettings = cachedPart('shopSettings', (api) => api.shopSettingsGet());

  return {
    funnels: cachedPart('funnels', (api) => api.crmFunnelList()),
    users: cachedPart('users', (api) => api.crmUserList()),
    me: cachedPart('me', (api) => api.crmUserMe()),
    currencies: cachedPart('currencies', (api) => api.crmCurrencyList()),
    shopSettings,
    async orderStates() {
      return (await shopSettings()).order_states;
    },
    actionName(actionId) {
      return learned.get(actionId) ?? DEFAULT_ACTION_NAMES[actionId] ?? actionId;
    },
    learnActionNames(list) {
      for (const entry of list) if (entry.name) learned.set(entry.id, entry.name);
    },
    async orderNumber(orderId) {
      const format = (await shopSettings()).settings.orderFormat;
      return formatOrderNumber(orderId, format);
    },
    invalidate(part) {
      if (part) entries.delete(part);
      else {
        entries.clear();
        learned.clear();
      }
    },
  };
}

/** The background's catalog, bound to the current connection and emptied when it changes. */
export const catalog = createCatalog(requireApi);

onConnectionChanged((change) => {
  if (change.type !== 'health') catalog.invalidate();
});
