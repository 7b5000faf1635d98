import { safeParse, type JsonSchema } from '../validate/json-schema';

/**
 * The backend endpoint Webasyst's own "Create deal in CRM" dialog posts to
 * (`crm/?module=deal&action=create`): the only way to write the order ↔ deal link, since the
 * public API cannot set `external_id`. Used by the order page (same-origin, the user's click)
 * and by the background (automatic creation, with the browser's cookies). Kept free of zod so
 * that the order page's content script stays small.
 *
 * The endpoint checks nothing (sim/README.md, "Oddities kept on purpose": an impossible bind silently creates a new deal), so
 * callers check before and verify after.
 */
export type DealCreateRequest =
  | { kind: 'bind'; dealId: number; funnelId: number; stageId: number; ownerId: number | null }
  | { kind: 'new'; funnelId: number; stageId: number; ownerId: number | null };

export type DealCreateFailure =
  /** No session any more (header `wa-session-expired: 1`, or the login form came back). */
  | 'session_expired'
  /** 403: no CRM rights, or a `_csrf` that no longer matches the cookie. */
  | 'forbidden'
  /** No answer: offline, DNS, reset, timeout. */
  | 'unreachable'
  /** No `_csrf` cookie to send. */
  | 'no_csrf'
  /** 5xx, e.g. "Order not found". */
  | 'server_error'
  /** An answer that is not the endpoint's JSON. */
  | 'bad_reply'
  /** The endpoint answered `status: fail`. */
  | 'refused';

export type DealCreateOutcome =
  | { ok: true; dealId: number }
  | { ok: false; failure: DealCreateFailure; status: number | null };

/**
 * The endpoint's JSON. Both `{"id":7}` (new deal, a number) and `{"id":"8"}` (bind, a string
 * of 1–15 digits, not all zeros) are deal ids.
 */
const endpointReply: JsonSchema = {
  anyOf: [
    {
      type: 'object',
      properties: {
        status: { const: 'ok' },
        data: {
          type: 'object',
          properties: {
            id: {
              anyOf: [
                { type: 'integer', exclusiveMinimum: 0 },
                { type: 'string', pattern: '^(?=.*[1-9])\\d{1,15}$' },
              ],
            },
          },
          required: ['id'],
        },
      },
      required: ['status', 'data'],
    },
    { type: 'object', properties: { status: { enum: ['fail', 'error'] } }, required: ['status'] },
  ],
};

export interface DealCreatePost {
  /** `<origin><path up to /webasyst/>`. */
  backendRoot: string;
  csrf: string | null;
  fetch: typeof fetch;
  credentials: RequestCredentials;
  timeoutMs?: number;
}

/** Posts the dialog's form and says what the answer means; never throws. */
export async function postDealCreate(
  post: DealCreatePost,
  orderId: number,
  request: DealCreateRequest,
): Promise<DealCreateOutcome> {
  if (!post.csrf) return { ok: false, failure: 'no_csrf', status: null };
  const body = new URLSearchParams({
    order_id: String(orderId),
    'data[deal_id]': request.kind === 'bind' ? String(request.dealId) : 'new',
    'data[funnel_id]': String(request.funnelId),
    'data[stage_id]': String(request.stageId),
    _csrf: post.csrf,
  });
  // Without an owner the endpoint makes the signed-in user the owner, as the dialog's default.
  if (request.ownerId !== null) body.set('data[user_contact_id]', String(request.ownerId));
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), post.timeoutMs ?? 20_000);
  let response: Response;
  let text: string;
  try {
    response = await post.fetch(`${post.backendRoot}crm/?module=deal&action=create`, {
      method: 'POST',
      credentials: post.credentials,
      // XHR: Webasyst then answers "session expired" instead of a login page, and does not
      // remember the request as the page to land on after the next login (`last_page`).
      headers: {
        'X-Requested-With': 'XMLHttpRequest',
        'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
      },
      body: body.toString(),
      signal: abort.signal,
      cache: 'no-store',
    });
    text = await response.text();
  } catch {
    return { ok: false, failure: 'unreachable', status: null };
  } finally {
    clearTimeout(timer);
  }
  return interpretDealCreateReply(response.status, response.headers.get('wa-session-expired'), text);
}

/** Pure: what the endpoint's answer means. */
export function interpretDealCreateReply(
  status: number,
  sessionExpiredHeader: string | null,
  text: string,
): DealCreateOutcome {
  if (sessionExpiredHeader === '1') return { ok: false, failure: 'session_expired', status };
  if (status === 401 || status === 403)
    return { ok: false, failure: status === 403 ? 'forbidden' : 'session_expired', status };
  if (status >= 500) return { ok: false, failure: 'server_error', status };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A plain HTML login form is what a session-less backend answers.
    const login = /<form[\s\S]*type=["']?password/i.test(text) || /session has expired/i.test(text);
    return { ok: false, failure: login ? 'session_expired' : 'bad_reply', status };
  }
  const reply = safeParse(endpointReply, json);
  if (!reply.ok) return { ok: false, failure: 'bad_reply', status };
  const { data } = reply.value as { status: string; data?: { id: number | string } };
  return data ? { ok: true, dealId: Number(data.id) } : { ok: false, failure: 'refused', status };
}
