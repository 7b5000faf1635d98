import { safeParse, type JsonSchema } from '@/utils/validate/json-schema';

/**
 * Links an order to a CRM deal the way Webasyst's own "Create deal in CRM" dialog does: a
 * same-origin POST to the CRM backend endpoint with the user's session and the `_csrf`
 * double-submit cookie. The endpoint checks nothing (it silently creates a new deal when
 * a bind is impossible), so callers check before and verify after.
 */
export type LinkRequest =
  | { kind: 'bind'; dealId: number; funnelId: number; stageId: number; ownerId: number }
  | { kind: 'new'; funnelId: number; stageId: number; ownerId: number };

export type LinkFailure =
  /** No session any more (header `wa-session-expired: 1`, or the login form came back). */
  | 'session_expired'
  /** 403: no CRM rights (or the CSRF check failed). */
  | 'forbidden'
  /** No answer: offline, DNS, reset, timeout. */
  | 'unreachable'
  /** The page has no `_csrf` cookie to send. */
  | 'no_csrf'
  /** 5xx, e.g. "Order not found". */
  | 'server_error'
  /** An answer that is not the endpoint's JSON. */
  | 'bad_reply'
  /** The endpoint answered `status: fail`. */
  | 'refused';

export type LinkOutcome = { ok: true; dealId: number } | { ok: false; failure: LinkFailure; status: number | null };

export interface BackendLinkDeps {
  /** The page's location and cookies (the content script runs on the backend page itself). */
  location: Pick<Location, 'origin' | 'pathname'>;
  cookie: () => string;
  fetch: typeof fetch;
  timeoutMs?: number;
}

const TIMEOUT_MS = 20_000;

/**
 * The endpoint's JSON, checked like every other reply (utils/validate/json-schema.ts). Both
 * `{"id":7}` (new deal, a number) and `{"id":"8"}` (bind, a string of 1–15 digits, not all
 * zeros) are deal ids.
 */
const endpointReply: JsonSchema = {
  anyOf: [
    {
      type: 'object',
      properties: {
        status: { const: 'ok' },
        data: {
          type: 'object',
          properties: { id: { anyOf: [{ type: 'integer', exclusiveMinimum: 0 }, { type: 'string', pattern: '^(?=.*[1-9])\\d{1,15}$' }] } },
          required: ['id'],
        },
      },
      required: ['status', 'data'],
    },
    { type: 'object', properties: { status: { enum: ['fail', 'error'] } }, required: ['status'] },
  ],
};

/** `<origin><path up to /webasyst/>`: Webasyst may live in a sub-folder. */
export function backendRoot(location: Pick<Location, 'origin' | 'pathname'>): string | null {
  const match = /^(.*?\/webasyst\/)/.exec(location.pathname);
  return match ? `${location.origin}${match[1]}` : null;
}

export function readCsrf(cookie: string): string | null {
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === '_csrf') {
      try {
        return decodeURIComponent(rest.join('=')) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

export async function linkThroughBackend(deps: BackendLinkDeps, orderId: number, link: LinkRequest): Promise<LinkOutcome> {
  const root = backendRoot(deps.location);
  const csrf = readCsrf(deps.cookie());
  if (!root || !csrf) return { ok: false, failure: 'no_csrf', status: null };
  const body = new URLSearchParams({
    order_id: String(orderId),
    'data[deal_id]': link.kind === 'bind' ? String(link.dealId) : 'new',
    'data[funnel_id]': String(link.funnelId),
    'data[stage_id]': String(link.stageId),
    'data[user_contact_id]': String(link.ownerId),
    _csrf: csrf,
  });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), deps.timeoutMs ?? TIMEOUT_MS);
  let response: Response;
  let text: string;
  try {
    response = await deps.fetch(`${root}crm/?module=deal&action=create`, {
      method: 'POST',
      credentials: 'same-origin',
      // Marks the request as XHR: Webasyst then answers "session expired" instead of a login page,
      // and does not remember it as the page to land on after the next login.
      headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: body.toString(),
      signal: abort.signal,
    });
    text = await response.text();
  } catch {
    return { ok: false, failure: 'unreachable', status: null };
  } finally {
    clearTimeout(timer);
  }
  return interpretReply(response.status, response.headers.get('wa-session-expired'), text);
}

/** Pure: what the endpoint's answer means. */
export function interpretReply(status: number, sessionExpiredHeader: string | null, text: string): LinkOutcome {
  if (sessionExpiredHeader === '1') return { ok: false, failure: 'session_expired', status };
  if (status === 401 || status === 403) return { ok: false, failure: status === 403 ? 'forbidden' : 'session_expired', status };
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
