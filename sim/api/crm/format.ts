// CRM's JSON: typed values, ISO-8601 UTC datetimes, userpic URLs.
import { crmDatetime } from '../../state/format';
import { formatPhone } from '../shop/orders';
import type { SimState } from '../../state/state';
import type { Contact, Deal, Funnel, Stage } from '../../state/types';

export const userpic = (state: SimState) => `${state.baseUrl}wa-content/img/userpic.svg`;
export const fullName = (c: Contact) => [c.firstname, c.middlename, c.lastname].filter(Boolean).join(' ');
/** Lists and the history feed show "Lastname Firstname". */
export const listName = (c: Contact) => [c.lastname, c.firstname].filter(Boolean).join(' ');

export function contactBrief(state: SimState, id: number | null, name: (c: Contact) => string = fullName) {
  const c = state.contact(id);
  return c ? { id: c.id, name: name(c), userpic: userpic(state) } : null;
}

const funnelBrief = (f: Funnel | undefined) => (f ? { id: f.id, name: f.name, color: f.color, icon: f.icon } : null);
export const stageBrief = (s: Stage | undefined) => (s ? { id: s.id, name: s.name, color: s.color } : null);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function contactFull(state: SimState, c: Contact, deal: Deal) {
  const dealCount = state.deals.ofContact(c.id).length;
  const orderCount = state.orders.countOfContact(c.id);
  const a = c.address;
  const addressText = a ? `${a.street}, ${a.city}, ${a.regionName}, ${a.zip}, ${a.countryName}` : '';
  return {
    label: null,
    assigned_at: crmDatetime(deal.createdAt),
    counters: {
      deal: dealCount <= 1 ? 'No other deals' : plural(dealCount, 'deal', 'deals'),
      shop_order: orderCount === 0 ? 'No orders' : plural(orderCount, 'order', 'orders'),
    },
    contact: {
      id: c.id,
      name: fullName(c),
      company: c.company,
      jobtitle: '',
      company_contact_id: 0,
      email: c.email ? [{ ext: '', status: 'unknown', value: c.email, data: c.email }] : [],
      phone: c.phone ? [{ value: formatPhone(c.phone), ext: '', status: null, data: `+${c.phone}` }] : [],
      address: a
        ? [
            {
              value: addressText,
              map_url: `https://maps.google.com/maps?q=${encodeURIComponent(addressText).replace(/%20/g, '+')}&z=15`,
            },
          ]
        : [],
      userpic: userpic(state),
    },
  };
}

/** crm.deal.info */
export function dealInfo(state: SimState, d: Deal): Record<string, unknown> {
  const owner = state.contact(d.userContactId);
  const client = state.contact(d.contactId);
  const description = d.description ?? '';
  return {
    id: d.id,
    creator_contact_id: d.creatorContactId,
    create_datetime: crmDatetime(d.createdAt),
    update_datetime: crmDatetime(d.updatedAt),
    reminder_datetime: crmDatetime(d.reminderAt),
    funnel_id: d.funnelId,
    stage_id: d.stageId,
    status_id: d.statusId,
    name: d.name,
    description: d.description,
    expected_date: d.expectedDate,
    closed_datetime: crmDatetime(d.closedAt),
    amount: d.amount,
    currency_id: d.currencyId,
    currency_rate: d.currencyRate,
    contact_id: d.contactId,
    user_contact_id: d.userContactId,
    lost_id: d.lostId,
    lost_text: d.lostText,
    external_id: d.externalId,
    last_message_id: d.lastMessageId,
    description_sanitized: description.replace(/<script[\s\S]*?<\/script>/gi, ''),
    description_plain: description.replace(/<[^>]*>/g, ''),
    fields: [],
    is_pinned: d.isPinned,
    tags: [],
    users: owner
      ? [{ label: null, assigned_at: crmDatetime(d.createdAt), contact: contactBrief(state, owner.id) }]
      : [],
    contacts: client ? [contactFull(state, client, d)] : [],
    rights: { can_edit: true, can_delete: true, can_manage_responsible: true, has_access_to_funnel: true },
  };
}

/** One crm.deal.list item: amount in the default currency, no contact_id/user_contact_id. */
export function dealListItem(state: SimState, d: Deal, withUser: boolean): Record<string, unknown> {
  const primary = state.primaryCurrency();
  const amount = d.amount === null ? null : Math.round(((d.amount * d.currencyRate) / primary.rate) * 10000) / 10000;
  const item: Record<string, unknown> = {
    id: d.id,
    create_datetime: crmDatetime(d.createdAt),
    update_datetime: crmDatetime(d.updatedAt),
    reminder_datetime: crmDatetime(d.reminderAt),
    funnel_id: d.funnelId,
    stage_id: d.stageId,
    status_id: d.statusId,
    name: d.name,
    expected_date: d.expectedDate,
    closed_datetime: crmDatetime(d.closedAt),
    amount,
    currency_id: primary.code,
    currency_rate: d.currencyRate,
    lost_id: d.lostId,
    lost_text: d.lostText,
    external_id: d.externalId,
    original_amount: d.amount,
    original_currency_id: d.currencyId,
    user: withUser ? contactBrief(state, d.userContactId) : null,
    contact: contactBrief(state, d.contactId, listName),
    can_delete: true,
    can_edit: true,
    can_manage_responsible: true,
    reminder_state: null,
    reminder_title: null,
    message_unread: false,
    funnel: funnelBrief(state.funnel(d.funnelId)),
    stage: stageBrief(state.stage(d.stageId)),
  };
  const m = /^shop:(\d+)$/.exec(d.externalId ?? '');
  const order = m ? state.getOrder(Number(m[1])) : undefined;
  if (order) {
    const paid =
      order.paidAt === null ? null : new Date(order.paidAt + state.shop.shiftSeconds * 1000).toISOString().slice(0, 10);
    item.shop_order = { id: order.id, paid_date: paid };
  }
  return item;
}
