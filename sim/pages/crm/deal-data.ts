// Builds the deal page's model from the simulator's state.
import type { SimState } from '../../state/state';
import type { Deal, HistoryEntry } from '../../state/types';
import { orderIdOf } from '../../state/integration';
import {
  formatHumanDate,
  formatLongDate,
  formatMoney,
  formatMoneyCrmLog,
  formatShortDate,
  formatTime,
  toDate,
} from '../format';
import { contactName, formatPhone } from '../people';
import type { CrmSidebarView, DealHistoryItemView, DealView } from './deal-model';

/** CRM shows times in the user's zone; the simulated user lives in the shop's zone. */
function local(state: SimState, ms: number): Date {
  return new Date(ms + state.shop.shiftSeconds * 1000);
}

function historyTitle(
  state: SimState,
  entry: HistoryEntry,
): { title: string; kind: DealHistoryItemView['kind'] } | null {
  if (entry.objectType === 'ORDER_LOG') {
    const actionId = entry.action.replace(/^order_/, '');
    return { title: state.workflow.actions[actionId]?.logRecord ?? actionId, kind: 'order' };
  }
  switch (entry.action) {
    case 'deal_add':
      return { title: 'Added deal ', kind: 'deal' };
    case 'deal_step':
    case 'deal_move':
      return { title: `Stage changed: ${entry.before ?? '?'} → ${entry.after ?? '?'}`, kind: 'stage' };
    case 'deal_won':
      return { title: 'Deal won', kind: 'won' };
    case 'deal_lost':
      return { title: 'Deal lost', kind: 'lost' };
    case 'deal_reopen':
      return { title: 'Deal reopened', kind: 'deal' };
    case 'deal_edit':
      return { title: 'Deal edited', kind: 'deal' };
    case 'deal_order_link':
      return { title: 'Order linked to the deal', kind: 'order' };
    case 'note_add':
      return { title: 'Added note', kind: 'note' };
    default:
      return null; // deal_order_<action> is a loop guard, not shown
  }
}

function history(state: SimState, deal: Deal): DealView['history'] {
  const days: DealView['history'] = [];
  const entries = [...state.history.ofDeal(deal.id)].reverse();
  for (const entry of entries) {
    const head = historyTitle(state, entry);
    if (!head) continue;
    const when = local(state, entry.createdAt);
    const day = formatLongDate(when);
    const order = entry.orderId ? state.getOrder(entry.orderId) : undefined;
    const item: DealHistoryItemView = {
      ...head,
      time: formatTime(when),
      actor: contactName(state.contact(entry.actorId)),
      note: entry.action === 'note_add' ? entry.after : null,
      order: order
        ? {
            id: order.id,
            number: state.encodeOrderId(order.id),
            amount: formatMoneyCrmLog(order.total, order.currency),
          }
        : null,
    };
    const last = days[days.length - 1];
    if (last && last.day === day) last.items.push(item);
    else days.push({ day, items: [item] });
  }
  return days;
}

export function buildDealView(state: SimState, deal: Deal): DealView {
  const now = local(state, state.clock.now());
  const funnel = state.funnel(deal.funnelId);
  const stage = state.stage(deal.stageId);
  const customer = state.contact(deal.contactId);
  const owner = state.contact(deal.userContactId);
  const a = customer?.address;
  let orderCount = 0;
  if (customer) for (const o of state.orders.all()) if (o.contactId === customer.id) orderCount++;
  const customerDeals = customer ? [...state.deals.values()].filter((d) => d.contactId === customer.id) : [];
  const expected = deal.expectedDate ? toDate(deal.expectedDate) : null;
  return {
    id: deal.id,
    name: deal.name,
    description: deal.description,
    status: deal.statusId,
    funnel: { id: funnel?.id ?? 0, name: funnel?.name ?? '', color: funnel?.color ?? '#888' },
    stage: { id: stage?.id ?? 0, name: stage?.name ?? '', color: stage?.color ?? '#888' },
    stages: (funnel?.stages ?? [])
      .slice()
      .sort((x, y) => x.number - y.number)
      .map((s) => ({ id: s.id, name: s.name, color: s.color })),
    amount: deal.amount === null ? null : formatMoney(deal.amount, deal.currencyId),
    created: formatHumanDate(local(state, deal.createdAt), now),
    expected: expected ? formatShortDate(expected) : null,
    orderId: orderIdOf(deal),
    customer: customer
      ? {
          id: customer.id,
          name: contactName(customer),
          email: customer.email || null,
          phone: customer.phone || null,
          phoneDisplay: customer.phone ? formatPhone(customer.phone) : null,
          address: a ? [a.street, a.city, a.regionName, a.zip, a.countryName].filter(Boolean).join(', ') : null,
          orderCount,
          dealCount: customerDeals.length,
        }
      : null,
    owner: owner ? { id: owner.id, name: contactName(owner) } : null,
    history: history(state, deal),
    otherDeals: otherDeals(state, deal),
  };
}

/** Deals to jump to inside the SPA: the customer's other deals, else the most recent ones. */
function otherDeals(state: SimState, deal: Deal): DealView['otherDeals'] {
  const all = [...state.deals.values()].filter((d) => d.id !== deal.id);
  const mine = all.filter((d) => d.contactId === deal.contactId);
  const pick = (mine.length ? mine : all.slice(-5)).slice(0, 8);
  return pick.map((d) => ({ id: d.id, name: d.name, stage: state.stage(d.stageId)?.name ?? '', status: d.statusId }));
}

export function buildCrmSidebar(state: SimState): CrmSidebarView {
  const counts = new Map<number, number>();
  for (const d of state.deals.values())
    if (d.statusId === 'OPEN') counts.set(d.funnelId, (counts.get(d.funnelId) ?? 0) + 1);
  return {
    funnels: state.funnels
      .filter((f) => !f.isArchived)
      .map((f) => ({ id: f.id, name: f.name, color: f.color, count: counts.get(f.id) ?? 0 })),
    contacts: [...state.contacts.values()].filter((c) => c.isUser === 0).length,
    deals: state.deals.size,
  };
}
