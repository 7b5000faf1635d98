// shop.order.* methods.
import { DomainError } from '../../state/errors';
import { shopDatetime } from '../../state/format';
import type { RunActionOptions } from '../../state/order-ops';
import { phpList, phpString, type PhpForm } from '../../http/form';
import { ApiError, missingParam } from '../errors';
import type { ApiCall, ApiMethod } from '../registry';
import { customerName, orderInfo, searchRow } from './format';
import { parseHash, searchOrders } from './search';

function orderOr404(call: ApiCall, id: string | undefined) {
  if (id === undefined) throw missingParam('id');
  const order = call.state.getOrder(Number(id));
  if (!order) throw new ApiError(404, 'invalid_param', 'Order not found.');
  return order;
}

function mapDomain(err: unknown): never {
  if (err instanceof DomainError) {
    if (err.code === 'order_not_found') throw new ApiError(404, 'invalid_param', 'Order not found.');
    if (err.code === 'not_available') throw new ApiError(404, 'invalid_param', err.message);
    if (err.code === 'forbidden') throw new ApiError(403, 'access_denied', 'Access denied');
    throw new ApiError(400, 'invalid_param', err.message);
  }
  throw err;
}

const FORM_FIELDS = [
  'tracking_number',
  'shipping_date',
  'shipping_time_from',
  'shipping_time_to',
  'courier_id',
  'return_stock',
  'refund',
  'refund_mode',
  'code',
  'transport',
  'sender',
];

function actionOptions(call: ApiCall): RunActionOptions {
  const params: Record<string, string> = {};
  for (const f of FORM_FIELDS) {
    const v = call.post(f);
    if (v !== undefined && v !== '') params[f] = v;
  }
  const lost = call.postForm.crm_change_workflow_data as PhpForm | undefined;
  return {
    text: call.post('text'),
    params,
    crmLost:
      lost && typeof lost === 'object'
        ? {
            lostId: phpString(lost.lost_id) ? Number(phpString(lost.lost_id)) : null,
            lostText: phpString(lost.lost_text) ?? null,
          }
        : undefined,
  };
}

const search: ApiMethod = {
  verb: 'GET',
  run(call) {
    const offset = Math.max(0, Number(call.get('offset') ?? 0) || 0);
    let limit = Number(call.get('limit') ?? 100);
    if (!Number.isFinite(limit) || limit < 0) limit = 100;
    limit = Math.min(1000, Math.floor(limit));
    const escaped = call.get('escape') !== '0';
    const rights = call.user.rights;
    if (!rights || rights.shop === 'none') return { offset, limit, count: 0, orders: [] };
    const pred = parseHash(call.state, call.get('hash') ?? '');
    const { count, orders } = searchOrders(call.state, pred, call.get('sort') ?? '', offset, limit);
    const fields = (call.get('fields') ?? '').split(',').map((f) => f.trim());
    return { offset, limit, count, orders: orders.map((o) => searchRow(call.state, o, escaped, fields)) };
  },
};

const getInfo: ApiMethod = {
  verb: 'GET',
  run: (call) => orderInfo(call.state, orderOr404(call, call.get('id'))),
};

const actions: ApiMethod = {
  verb: 'GET',
  run(call) {
    const order = orderOr404(call, call.get('id'));
    const customer = call.state.contact(order.contactId);
    return call.state.availableOrderActions(order.id, call.user.id).map((a) => {
      const row: Record<string, unknown> = {
        id: a.id,
        type: a.type,
        is_custom: !!a.isCustom,
        name: a.name,
        data_required: a.form,
        color: a.color,
      };
      if (a.id === 'message') {
        row.options = {
          contact_phone: customer?.phone ?? '',
          contact_phone_formatted: formatPhone(customer?.phone ?? ''),
          contact_email: customer?.email ?? '',
          order_source: '',
          senders: [{ transport: 'sms', source: null, sender: null }],
        };
      }
      return row;
    });
  },
};

export function formatPhone(digits: string): string {
  if (/^1\d{10}$/.test(digits)) return `+1 (${digits.slice(1, 4)}) ${digits.slice(4, 7)}-${digits.slice(7)}`;
  return digits ? `+${digits}` : '';
}

const action: ApiMethod = {
  verb: 'POST',
  run(call) {
    const id = call.post('id');
    const actionId = call.post('action');
    if (id === undefined) throw missingParam('id');
    if (actionId === undefined) throw missingParam('action');
    orderOr404(call, id);
    try {
      return call.state.runOrderAction(Number(id), actionId, call.user.id, actionOptions(call)).reply;
    } catch (err) {
      mapDomain(err);
    }
  },
};

/** shop.order.process/ship/complete/delete/comment: no availability or rights check. */
const direct = (actionId: string): ApiMethod => ({
  verb: 'POST',
  run(call) {
    const id = call.post('id') ?? call.get('id');
    orderOr404(call, id);
    try {
      return call.state.runOrderAction(Number(id), actionId, call.user.id, { ...actionOptions(call), skipChecks: true })
        .reply;
    } catch (err) {
      mapDomain(err);
    }
  },
});

const log: ApiMethod = {
  verb: 'GET',
  run(call) {
    const order = orderOr404(call, call.get('id'));
    const state = call.state;
    const photo = `${state.baseUrl}wa-content/img/userpic50@2x.jpg`;
    return [...state.orders.log(order)].reverse().map((e) => {
      const actor = state.contact(e.contactId);
      const action = state.workflow.actions[e.actionId];
      return {
        id: String(e.id),
        order_id: String(e.orderId),
        contact_id: e.contactId === null ? null : String(e.contactId),
        action_id: e.actionId,
        datetime: shopDatetime(e.datetime, state.shop.shiftSeconds),
        before_state_id: e.beforeStateId,
        after_state_id: e.afterStateId,
        text: e.text,
        contact_firstname: actor?.firstname ?? null,
        contact_middlename: actor?.middlename ?? null,
        contact_lastname: actor?.lastname ?? null,
        contact_photo: '0',
        contact_name: actor ? customerName(state, actor.id) : null,
        params: Object.keys(e.params).length ? { ...e.params } : [],
        action_name: action?.name ?? e.actionId,
        log_record: action?.logRecord ?? '',
        photo_url_40: photo,
      };
    });
  },
};

const add: ApiMethod = {
  verb: 'POST',
  run(call) {
    const rights = call.user.rights;
    if (!rights || rights.shop === 'none') throw new ApiError(403, 'access_denied', 'Access denied');
    const f = call.postForm;
    const items = phpList(f.items).map((raw) => {
      const line = raw as PhpForm;
      return {
        skuId: Number(phpString(line.sku_id)),
        quantity: Number(phpString(line.quantity) ?? 1),
        services: phpList(line.services).map((s) => ({
          serviceVariantId: Number(phpString((s as PhpForm).service_variant_id)),
        })),
      };
    });
    let contactId = call.post('contact_id') ? Number(call.post('contact_id')) : null;
    const contact = f.contact as PhpForm | undefined;
    if (contactId === null && contact && typeof contact === 'object') {
      const name = (phpString(contact.name) ?? '').trim();
      const [firstname, ...rest] = name.split(/\s+/);
      contactId = call.state.addContact({
        firstname: phpString(contact.firstname) ?? firstname ?? '',
        middlename: '',
        lastname: phpString(contact.lastname) ?? rest.join(' '),
        email: phpString(contact.email) ?? '',
        phone: (phpString(contact.phone) ?? '').replace(/\D/g, ''),
        address: null,
        company: '',
        createdAt: call.state.clock.now(),
        isUser: 0,
        login: null,
        password: null,
        rights: null,
        crmUserId: null,
      }).id;
    }
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries((f.params as PhpForm | undefined) ?? {}))
      if (typeof v === 'string') params[k] = v;
    const crmDeal = f.crm_deal as PhpForm | undefined;
    try {
      const order = call.state.addOrder({
        contactId,
        items,
        comment: call.post('comment'),
        params,
        actorId: call.user.id,
        // Like the real one: the installation's domain, whatever the request's params say.
        storefront: call.state.host,
        crmDealId:
          crmDeal && typeof crmDeal === 'object' && phpString(crmDeal.id) ? Number(phpString(crmDeal.id)) : undefined,
      });
      return orderInfo(call.state, order);
    } catch (err) {
      mapDomain(err);
    }
  },
};

export const orderMethods: Record<string, ApiMethod> = {
  'shop.order.search': search,
  'shop.order.getInfo': getInfo,
  'shop.order.actions': actions,
  'shop.order.action': action,
  'shop.order.log': log,
  'shop.order.add': add,
  'shop.order.process': direct('process'),
  'shop.order.ship': direct('ship'),
  'shop.order.complete': direct('complete'),
  'shop.order.delete': direct('delete'),
  'shop.order.comment': direct('comment'),
};
