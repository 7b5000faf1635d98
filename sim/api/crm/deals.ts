// crm.deal.* methods.
import { DialogError } from '../../state/deal-ops';
import { DomainError } from '../../state/errors';
import { phpString } from '../../http/form';
import { ApiError, missingParam } from '../errors';
import { reply, type ApiCall, type ApiMethod } from '../registry';
import { dealInfo, dealListItem, fullName } from './format';

const SORTS = ['stage_id', 'create_datetime', 'reminder_datetime', 'name', 'amount', 'user_name', 'last_action'];

function mapDomain(err: unknown): never {
  if (err instanceof DomainError) {
    const status =
      err.code === 'not_found' ? 404 : err.code === 'not_available' ? 409 : err.code === 'forbidden' ? 403 : 400;
    throw new ApiError(status, err.code, err.message);
  }
  throw err;
}

/** 409 dialogs are not waAPIException replies: the body is the dialog itself. */
function run<T>(fn: () => T): T | ReturnType<typeof reply> {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DialogError) return reply({ ...err.dialog }, 409);
    return mapDomain(err);
  }
}

const dealIdParam = (call: ApiCall) => {
  const id = call.get('id');
  if (id === undefined) throw missingParam('id');
  return Number(id);
};

const list: ApiMethod = {
  verb: 'GET',
  run(call) {
    const s = call.state;
    const funnel = call.get('funnel');
    const stage = call.get('stage');
    const userId = call.get('user_id');
    const contactId = call.get('contact_id');
    const search = call.get('search');
    const minId = Number(call.get('min_id') ?? 0) || 0;
    const offset = Math.max(0, Number(call.get('offset') ?? 0) || 0);
    let limit = Number(call.get('limit') ?? 30);
    if (!Number.isFinite(limit) || limit < 1 || limit > 500) limit = 30;
    const sort = SORTS.includes(call.get('sort') ?? '') ? call.get('sort')! : 'create_datetime';
    const asc = call.get('asc') === '1';
    const fields = Object.values(call.getForm.fields ?? {}).filter((v): v is string => typeof v === 'string');
    const needle = search?.toLowerCase();
    // A customer's deals come from the index; the filter below still checks every condition.
    const pool = contactId ? s.deals.ofContact(Number(contactId)) : s.deals.values();
    let deals = [...pool].filter((d) => {
      if (funnel && d.funnelId !== Number(funnel)) return false;
      if (stage === 'won' || stage === 'lost') {
        if (d.statusId !== stage.toUpperCase()) return false;
      } else if (stage && (d.stageId !== Number(stage) || d.statusId !== 'OPEN')) return false;
      if (userId !== undefined && userId !== '' && (d.userContactId ?? 0) !== Number(userId)) return false;
      if (contactId && d.contactId !== Number(contactId)) return false;
      if (minId && d.id <= minId) return false;
      if (needle) {
        const c = s.contact(d.contactId);
        const hay = [d.name, c ? fullName(c) : '', c?.email ?? '', c?.phone ?? ''].join('\n').toLowerCase();
        if (!hay.includes(needle)) return false;
      }
      return true;
    });
    const key = (d: (typeof deals)[number]): string | number => {
      switch (sort) {
        case 'stage_id':
          return s.stage(d.stageId)?.number ?? 0;
        case 'reminder_datetime':
          return d.reminderAt ?? 0;
        case 'name':
          return d.name.toLowerCase();
        case 'amount':
          return d.amount ?? 0;
        case 'user_name':
          return s.contact(d.userContactId)?.lastname ?? '';
        case 'last_action':
          return d.updatedAt;
        default:
          return d.createdAt;
      }
    };
    deals = deals.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === y) return a.id - b.id;
      return (x < y ? -1 : 1) * (asc ? 1 : -1);
    });
    return {
      params: {
        total_count: deals.length,
        offset,
        limit,
        user_id: userId ? Number(userId) : null,
        search: search ?? null,
        pinned_only: call.get('pinned_only') === '1',
        sort,
        asc,
        page: Math.floor(offset / limit) + 1,
        filter: [],
        fields,
      },
      data: deals.slice(offset, offset + limit).map((d) => dealListItem(s, d, fields.includes('user'))),
    };
  },
};

const info: ApiMethod = {
  verb: 'GET',
  run(call) {
    const deal = call.state.getDeal(dealIdParam(call));
    if (!deal) throw new ApiError(404, 'not_found', 'Deal not found');
    return dealInfo(call.state, deal);
  },
};

type ErrorField = { field: string; value: unknown; code: string; description: string };
const trimmed = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

const add: ApiMethod = {
  verb: 'POST',
  run(call) {
    const b = call.body;
    const name = trimmed(b.name);
    const stageId = trimmed(b.stage_id);
    const contactId = trimmed(b.contact_id);
    const required: ErrorField[] = [];
    if (name === '')
      required.push({ field: 'name', value: '', code: 'name', description: 'Required parameter is missing: name' });
    if (stageId === '')
      required.push({
        field: 'stage_id',
        value: '',
        code: 'stage_id',
        description: 'Required parameter is missing: stage_id',
      });
    else if (!/^\d+$/.test(stageId) || Number(stageId) < 1)
      required.push({ field: 'stage_id', value: stageId, code: 'stage_id', description: 'Deal stage not found' });
    if (contactId === '')
      required.push({
        field: 'contact_id',
        value: '',
        code: 'contact_id',
        description: 'Required parameter is missing: contact_id',
      });
    else if (!/^\d+$/.test(contactId) || Number(contactId) < 1)
      required.push({ field: 'contact_id', value: contactId, code: 'contact_id', description: 'Contact not found' });
    if (required.length)
      return reply(
        { error: 'required_parameter', error_description: 'Required parameter', error_fields: required },
        400,
      );
    const s = call.state;
    if (!s.contact(Number(contactId))) throw new ApiError(404, 'not_found', 'Contact not found');
    const invalid: ErrorField[] = [];
    if (!s.stage(Number(stageId)))
      invalid.push({ field: 'stage_id', value: stageId, code: 'stage_id', description: 'Deal stage not found' });
    const owner = trimmed(b.user_contact_id);
    if (owner && Number(owner) !== call.user.id && !s.contact(Number(owner)))
      throw new ApiError(404, 'not_found', 'User not found');
    const expected = trimmed(b.expected_date);
    if (expected && Number.isNaN(Date.parse(expected)))
      invalid.push({ field: 'expected_date', value: expected, code: 'expected_date', description: 'Invalid date' });
    const amount = trimmed(b.amount).replace(',', '.');
    if (amount && Number(amount) > 99999999999.9999)
      invalid.push({ field: 'amount', value: amount, code: 'amount_out', description: 'Out of range value' });
    const currency = trimmed(b.currency_id);
    if (currency && !s.currency(currency))
      invalid.push({ field: 'currency_id', value: currency, code: 'currency_id', description: 'Unknown currency' });
    if (invalid.length)
      return reply({ error: 'error_validate', error_description: 'Error validate', error_fields: invalid }, 400);
    const fields = Array.isArray(b.fields) ? b.fields : [];
    if (fields.length) {
      const errs = fields.map((f: { field?: unknown; value?: unknown }) => ({
        field: String(f?.field ?? ''),
        value: f?.value ?? '',
        code: 'fields',
        description:
          f?.field === undefined || f?.value === undefined
            ? 'Required parameters field and value'
            : 'Unknown field name',
      }));
      return reply(
        { error: 'error_validate', error_description: 'Custom fields error validate', error_fields: errs },
        400,
      );
    }
    // external_id / source_id in the body are ignored: the API cannot set them.
    const deal = s.addDeal(
      {
        name,
        stageId: Number(stageId),
        contactId: Number(contactId),
        userContactId: owner ? Number(owner) : call.user.id,
        amount: amount ? Number(amount) : null,
        currencyId: currency || null,
        expectedDate: expected || null,
        description: trimmed(b.description) || null,
      },
      call.user.id,
    );
    return reply(deal.id, 201);
  },
};

const patch: ApiMethod = {
  verb: 'PATCH',
  run(call) {
    const id = dealIdParam(call);
    const body = Array.isArray(call.rc.json) ? (call.rc.json as { field: string; value: unknown }[]) : null;
    if (!body) throw new ApiError(400, 'invalid_request', 'Invalid request body');
    return run(() => call.state.patchDeal(id, body, call.user.id));
  },
};

/** Ids from the JSON body (`id:[…]`), as crm.deal.move/close read them: positive, unique. */
function bulkIds(call: ApiCall): number[] | null {
  const ids = call.body.id;
  return Array.isArray(ids) ? [...new Set(ids.map(Number).filter((n) => n > 0))] : null;
}

const move: ApiMethod = {
  verb: 'POST',
  run(call) {
    const stageId = call.body.stage_id;
    const force = !!call.body.force;
    const bulk = bulkIds(call);
    if (stageId === undefined || stageId === null)
      throw new ApiError(400, 'empty_id', 'Required parameter is missing: stage_id');
    // Like the real method: an unknown stage is a 400 "invalid_request", not a 404.
    if (Number(stageId) < 1 || !call.state.stage(Number(stageId)))
      throw new ApiError(400, 'invalid_request', 'Stage not found.');
    // Only two or more ids make a bulk move; an array of one is a single move, 409 dialogs and all.
    if (bulk && bulk.length > 1) {
      const moved: number[] = [];
      for (const id of bulk) {
        if (!call.state.getDeal(id)) continue;
        if (call.state.moveDeal(id, Number(stageId), call.user.id, { bulk: true })) moved.push(id);
      }
      if (call.get('with_count') === '1') return { changed_counts: [moved.length] };
      // Nothing to update: the real method answers 204 even for a bulk call.
      return moved.length ? { moved } : reply(null, 204);
    }
    const id = bulk?.length === 1 ? bulk[0] : dealIdParam(call);
    if (id < 1 || !call.state.getDeal(id)) throw new ApiError(404, 'not_found', 'Deal not found');
    return run(() => {
      call.state.moveDeal(id, Number(stageId), call.user.id, { force });
      return reply(null, 204);
    });
  },
};

const close: ApiMethod = {
  verb: 'POST',
  run(call) {
    const status = call.body.status_id;
    const force = !!call.body.force;
    if (!status) throw new ApiError(400, 'empty_id', 'Required parameter is missing: status_id');
    if (!['WON', 'LOST', 'won', 'lost'].includes(String(status)))
      throw new ApiError(400, 'unknown_value', 'Unknown value status_id');
    const lostId = call.body.lost_id === undefined || call.body.lost_id === null ? null : Number(call.body.lost_id);
    if (lostId !== null && !call.state.lostReasons.some((r) => r.id === lostId))
      throw new ApiError(404, 'not_found', 'lost_id not found');
    const lostText = call.body.lost_text === undefined ? null : String(call.body.lost_text);
    const statusId = String(status).toUpperCase() as 'WON' | 'LOST';
    const bulk = bulkIds(call);
    if (bulk) {
      const closed: number[] = [];
      for (const id of bulk) {
        if (!call.state.getDeal(id)) continue;
        call.state.closeDeal(id, statusId, call.user.id, { bulk: true, lostId, lostText });
        closed.push(id);
      }
      return { closed };
    }
    const id = dealIdParam(call);
    if (id < 1 || !call.state.getDeal(id)) throw new ApiError(404, 'not_found', 'Deal not found');
    return run(() => {
      call.state.closeDeal(id, statusId, call.user.id, { force, lostId, lostText });
      return reply(null, 204);
    });
  },
};

const reopen: ApiMethod = {
  verb: 'POST',
  run(call) {
    const id = dealIdParam(call);
    return run(() => {
      call.state.reopenDeal(id, call.user.id);
      return reply(null, 204);
    });
  },
};

/** crm.deal.delete with ?id= (one deal): 204. */
const remove: ApiMethod = {
  verb: 'DELETE',
  run(call) {
    const id = dealIdParam(call);
    return run(() => {
      if (!call.state.getDeal(id)) throw new DomainError('not_found', 'Deal not found');
      call.state.deals.delete(id);
      call.state.emit(`deal_delete:${id}`);
      return reply(null, 204);
    });
  },
};

const shopaction: ApiMethod = {
  verb: 'POST',
  run(call) {
    const orderId = call.get('order_id');
    const actionId = call.get('action_id');
    if (!orderId) throw missingParam('order_id');
    if (!actionId) throw missingParam('action_id');
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(call.postForm)) if (typeof v === 'string' && k !== 'text') params[k] = v;
    return run(() => {
      const deal = call.state.dealShopAction(Number(orderId), actionId, call.user.id, {
        text: phpString(call.postForm.text),
        params,
      });
      return dealInfo(call.state, deal);
    });
  },
};

export const dealMethods: Record<string, ApiMethod> = {
  'crm.deal.list': list,
  'crm.deal.info': info,
  'crm.deal.add': add,
  'crm.deal.patch': patch,
  'crm.deal.move': move,
  'crm.deal.close': close,
  'crm.deal.reopen': reopen,
  'crm.deal.delete': remove,
  'crm.deal.shopaction': shopaction,
};
