import { catalog } from '../api/catalog';
import { requireApi } from '../connection/current';
import type { Lang } from '../i18n';
import type { SettingsCatalog } from './catalog-view';
import { buildSettingsCatalog, statesToAskForNames } from './build-catalog';

/**
 * Background side of settings.catalog: the connection's cached catalog (funnels, users,
 * shop settings), plus names of custom actions. The API cannot list action names (there
 * is no workflow method), so for each custom action one order in a state that offers it
 * is asked for its actions (shop.order.actions). An action no order currently offers
 * keeps its id as its name until one does.
 */
const learnedNames = new Map<string, string>();
const MAX_NAME_LOOKUPS = 10;

export function rememberActionNames(entries: Array<{ id: string; name: string | null }>): void {
  for (const entry of entries) if (entry.name) learnedNames.set(entry.id, entry.name);
  catalog.learnActionNames(entries);
}

export async function loadSettingsCatalog(options: { refresh: boolean; lang: Lang }): Promise<SettingsCatalog> {
  if (options.refresh) catalog.invalidate();
  const api = await requireApi();
  const [funnels, shop, users, me] = await Promise.all([
    catalog.funnels(),
    catalog.shopSettings(),
    catalog.users(),
    catalog.me().catch(() => null),
  ]);
  const states = shop.order_states;

  for (const stateId of statesToAskForNames({ states, learnedNames }).slice(0, MAX_NAME_LOOKUPS)) {
    const found = await api.shopOrderSearch({ hash: `search/state_id=${stateId}`, limit: 1 });
    const order = found.orders[0];
    if (!order) continue;
    const actions = await api.shopOrderActions({ id: order.id });
    rememberActionNames(actions.map((a) => ({ id: a.id, name: a.name })));
  }

  return buildSettingsCatalog({
    funnels: funnels.map((f) => ({
      ...f,
      color: f.color ?? null,
      stages: f.stages.map((s) => ({ ...s, color: s.color ?? null })),
    })),
    states,
    storefronts: shop.storefronts.map((s) => ({ url: s.url, url_decoded: s.url_decoded ?? null })),
    users,
    me: me ? { id: me.id, name: me.name } : null,
    learnedNames,
    lang: options.lang,
  });
}
