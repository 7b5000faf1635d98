// crm.history: the activity feed. Like crmLogModel::getLog it never shows
// deal_order_* rows, answers the NEWEST `limit` rows above min_id (page down
// with max_id), and falls back to 30 for a limit outside 1..500.
import { crmDatetime } from '../../state/format';
import { ApiError } from '../errors';
import type { ApiMethod } from '../registry';
import type { SimState } from '../../state/state';
import type { HistoryEntry } from '../../state/types';
import { HistoryLog } from '../../state/history';
import { contactBrief, listName, stageBrief } from './format';

const ACTION_NAMES: Record<string, string> = {
  deal_add: 'added deal',
  deal_step: 'changed deal stage',
  deal_move: 'changed funnel',
  deal_won: 'closed deal as won',
  deal_lost: 'closed deal as lost',
  deal_reopen: 'reopened deal',
  deal_edit: 'edited deal',
};

const FILTER_TYPES: Record<string, HistoryEntry['objectType']> = {
  deals: 'DEAL',
  order_log: 'ORDER_LOG',
  contacts: 'CONTACT',
};

function entryJson(state: SimState, e: HistoryEntry): Record<string, unknown> {
  const deal = e.dealId ? state.getDeal(e.dealId) : undefined;
  const funnel = deal ? state.funnel(deal.funnelId) : undefined;
  const out: Record<string, unknown> = {
    id: e.id,
    create_datetime: crmDatetime(e.createdAt),
    action: e.action,
    object_id: e.objectId,
    object_type: e.objectType,
  };
  const isStage = e.stageBefore !== undefined || e.stageAfter !== undefined;
  if (!isStage) {
    out.before = e.before;
    out.after = e.after;
  }
  out.action_name = ACTION_NAMES[e.action] ?? (e.objectType === 'ORDER_LOG' ? 'order action' : e.action);
  out.actor = contactBrief(state, e.actorId, listName);
  if (deal) {
    out.deal = {
      id: deal.id,
      status_id: deal.statusId,
      name: deal.name,
      amount: deal.amount ?? 0,
      currency_id: deal.currencyId,
      funnel: funnel ? { id: funnel.id, name: funnel.name, icon: funnel.icon, color: funnel.color } : null,
      stage: stageBrief(state.stage(deal.stageId)),
    };
  }
  if (isStage) {
    out.stage_before = stageBrief(state.stage(e.stageBefore ?? 0));
    out.stage_after = stageBrief(state.stage(e.stageAfter ?? 0));
  }
  if (e.objectType === 'ORDER_LOG' && e.orderId) {
    const order = state.getOrder(e.orderId);
    const row = order ? state.orders.log(order).find((l) => l.id === e.orderLogId) : undefined;
    out.order = order ? { id: order.id, number: state.encodeOrderId(order.id), state_id: order.stateId } : null;
    out.order_log_item = row
      ? {
          id: row.id,
          action_id: row.actionId,
          before_state_id: row.beforeStateId,
          after_state_id: row.afterStateId,
          text: row.text,
        }
      : null;
  }
  out.icon = { fa: (funnel?.icon ?? 'fas fa-briefcase').replace(/^fas fa-/, ''), color: funnel?.color ?? '#275A00' };
  return out;
}

export const history: ApiMethod = {
  verb: 'GET',
  run(call) {
    const s = call.state;
    const int = (name: string) => Math.trunc(Number(call.get(name) ?? 0)) || 0;
    const dealId = int('deal_id');
    const contactId = int('contact_id');
    const userId = int('user_id');
    const minId = Math.abs(int('min_id'));
    const maxId = Math.abs(int('max_id'));
    let limit = call.get('limit') === undefined ? 30 : int('limit');
    if (limit > 500 || limit <= 0) limit = 30;
    if (contactId && !s.contact(contactId)) throw new ApiError(404, 'not_found', 'Contact not found');
    if (dealId && !s.getDeal(dealId)) throw new ApiError(404, 'not_found', 'Deal not found');
    const rawFilters = call.getForm.filters;
    const filters = (rawFilters && typeof rawFilters === 'object' ? Object.values(rawFilters) : []).filter(
      (v): v is string => typeof v === 'string',
    );
    const types = filters.map((f) => FILTER_TYPES[f]).filter(Boolean);
    const contactDeals = contactId ? new Set(s.deals.ofContact(contactId).map((d) => d.id)) : null;

    const matches = (e: HistoryEntry) => {
      if (e.action.startsWith('deal_order_')) return false;
      if (dealId && (e.dealId !== dealId || e.action === 'deal_add')) return false;
      if (contactDeals && !(e.contactId === contactId && !e.dealId) && !(e.dealId && contactDeals.has(e.dealId)))
        return false;
      if (userId && e.actorId !== userId) return false;
      if (types.length && !types.includes(e.objectType)) return false;
      if (maxId && e.id >= maxId) return false;
      return true;
    };
    // A deal's timeline reads only that deal's entries (indexed), not the whole log.
    const entries = dealId ? s.history.ofDeal(dealId) : s.history.entries;
    const from = dealId ? HistoryLog.firstAfterIn(entries, minId) : s.history.firstAfter(minId);
    const page: HistoryEntry[] = [];
    let count = 0;
    let oldest: number | null = null;
    for (let i = entries.length - 1; i >= from; i--) {
      const e = entries[i];
      if (!matches(e)) continue;
      count++;
      oldest = e.id;
      if (page.length < limit) page.push(e);
    }
    const log = page.map((e) => entryJson(s, e));
    // The deal timeline ends with a synthetic "added deal" row once its first record is reached.
    const deal = dealId ? s.getDeal(dealId) : undefined;
    if (deal && minId === 0 && (page.length === 0 || page[page.length - 1].id === oldest)) {
      log.push({
        id: 0,
        create_datetime: crmDatetime(deal.createdAt),
        action: null,
        action_name: 'added deal',
        object_type: 'DEAL',
        object_id: deal.id,
        actor: contactBrief(s, deal.creatorContactId, listName),
      });
    }
    return { count: count < limit ? log.length : count, log };
  },
};
