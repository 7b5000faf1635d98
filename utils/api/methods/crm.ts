import type { ApiClient } from '../client';
import {
  crmCurrencyListSchema,
  crmDealAddSchema,
  crmDealListSchema,
  crmDealPatchSchema,
  crmDealSchema,
  crmFunnelListSchema,
  crmHistorySchema,
  crmNoContentSchema,
  crmDealListLinksSchema,
  crmBulkMoveReplySchema,
  crmUserListSchema,
  crmUserSchema,
} from '../schemas/crm';

/** CRM methods: GET parameters in the query; writes take ids in the query and a JSON body. */

export interface CrmDealListParams {
  funnel?: number;
  /** A stage id (open deals in it), or "won"/"lost"; omitted = every status. */
  stage?: number | 'won' | 'lost';
  user_id?: number;
  /** Deals whose main contact or CLIENT participant is this contact (Shop's customer id). */
  contact_id?: number;
  search?: string;
  fields?: string[];
  sort?: 'stage_id' | 'create_datetime' | 'reminder_datetime' | 'name' | 'amount' | 'user_name' | 'last_action';
  asc?: boolean;
  offset?: number;
  /** 1–500 (Webasyst's limit; default 30). */
  limit?: number;
  min_id?: number;
}

export function crmDealList(client: ApiClient, params: CrmDealListParams = {}) {
  return client.call({ method: 'crm.deal.list', query: { ...params }, schema: crmDealListSchema });
}

/** crm.deal.list with only the fields a link refresh needs parsed (see crmDealListLinksSchema). */
export function crmDealListLinks(client: ApiClient, params: CrmDealListParams = {}) {
  return client.call({ method: 'crm.deal.list', query: { ...params }, schema: crmDealListLinksSchema });
}

export function crmDealInfo(client: ApiClient, params: { id: number }) {
  return client.call({ method: 'crm.deal.info', query: { id: params.id }, schema: crmDealSchema });
}

export interface CrmDealAddParams {
  name: string;
  /** The funnel follows from the stage. */
  stage_id: number;
  contact_id: number;
  user_contact_id?: number;
  amount?: number;
  currency_id?: string;
  expected_date?: string;
  description?: string;
}

/** Creates a deal; resolves to its id. It cannot set external_id (the link). */
export function crmDealAdd(client: ApiClient, params: CrmDealAddParams) {
  return client.call({ method: 'crm.deal.add', verb: 'POST', json: params, schema: crmDealAddSchema });
}

/**
 * Moves one deal. Webasyst's own Shop sync may answer 409 (ApiError kind "conflict" with
 * dialogHtml / actionId) and then does not move the deal; `force` skips its confirmations.
 */
export function crmDealMove(client: ApiClient, params: { id: number; stage_id: number; force?: boolean }) {
  return client.call({
    method: 'crm.deal.move',
    verb: 'POST',
    query: { id: params.id },
    json: { stage_id: params.stage_id, ...(params.force ? { force: true } : {}) },
    schema: crmNoContentSchema,
    noContent: true,
  });
}

/**
 * Moves several deals (two or more) to one stage in one call. Webasyst's own Shop sync does
 * not run for bulk moves (no 409 dialogs, no order actions). Deals already at the stage, and
 * deals the user may not edit, are skipped without an error: the reply lists only the moved
 * ones, and is a bare 204 when none moved.
 */
export async function crmDealMoveMany(
  client: ApiClient,
  params: { ids: readonly number[]; stage_id: number },
): Promise<number[]> {
  if (new Set(params.ids).size < 2)
    throw new Error('crmDealMoveMany needs two or more distinct deals (one id is a single move)');
  return client.call({
    method: 'crm.deal.move',
    verb: 'POST',
    json: { id: [...new Set(params.ids)], stage_id: params.stage_id },
    schema: crmBulkMoveReplySchema,
    noContent: true,
  });
}

export function crmDealClose(
  client: ApiClient,
  params: { id: number; status_id: 'WON' | 'LOST'; lost_id?: number; lost_text?: string; force?: boolean },
) {
  const { id, ...body } = params;
  return client.call({
    method: 'crm.deal.close',
    verb: 'POST',
    query: { id },
    json: body,
    schema: crmNoContentSchema,
    noContent: true,
  });
}

/** Reopens a closed deal (400 "warning" when it is not closed). */
export function crmDealReopen(client: ApiClient, params: { id: number }) {
  return client.call({
    method: 'crm.deal.reopen',
    verb: 'POST',
    query: { id: params.id },
    schema: crmNoContentSchema,
    noContent: true,
  });
}

/** Deletes one deal (204). The sync engine uses it only on a duplicate deal it has just created itself. */
export function crmDealDelete(client: ApiClient, params: { id: number }) {
  return client.call({
    method: 'crm.deal.delete',
    verb: 'DELETE',
    query: { id: params.id },
    schema: crmNoContentSchema,
    noContent: true,
  });
}

/** Changes name, description, expected_date, amount, currency_id or custom fields. */
export function crmDealPatch(
  client: ApiClient,
  params: { id: number; changes: Array<{ field: string; value: unknown }> },
) {
  return client.call({
    method: 'crm.deal.patch',
    verb: 'PATCH',
    query: { id: params.id },
    json: params.changes,
    schema: crmDealPatchSchema,
  });
}

/** Funnels the user may access, archived ones included; stages sorted by their number. */
export function crmFunnelList(client: ApiClient) {
  return client.call({ method: 'crm.funnel.list', schema: crmFunnelListSchema });
}

export interface CrmHistoryParams {
  deal_id?: number;
  contact_id?: number;
  filters?: Array<
    'deals' | 'order_log' | 'notes' | 'files' | 'invoices' | 'contacts' | 'messages' | 'calls' | 'reminders'
  >;
  min_id?: number;
  max_id?: number;
  /** ≤ 500 */
  limit?: number;
  user_id?: number;
}

/** The CRM log (global feed without deal_id/contact_id): how stage changes are observed. */
export function crmHistory(client: ApiClient, params: CrmHistoryParams = {}) {
  return client.call({ method: 'crm.history', query: { ...params }, schema: crmHistorySchema });
}

export function crmUserMe(client: ApiClient) {
  return client.call({ method: 'crm.user.me', schema: crmUserSchema });
}

export function crmUserList(client: ApiClient) {
  return client.call({ method: 'crm.user.list', schema: crmUserListSchema });
}

export function crmCurrencyList(client: ApiClient) {
  return client.call({ method: 'crm.currency.list', schema: crmCurrencyListSchema });
}
