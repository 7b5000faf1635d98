import { z } from 'zod';
import { BackendError } from './errors';

/**
 * Creates a deal linked to an order through the backend endpoint Webasyst's own "Create deal
 * in CRM" dialog uses (crm/?module=deal&action=create), with the browser's session: the
 * public API cannot write the link (external_id). The endpoint checks nothing (API.md §9),
 * so callers check before and verify after.
 */
export interface BackendSession {
  /** fetch that sends the browser's cookies for the installation (credentials: 'include'). */
  fetch: typeof fetch;
  /** The `_csrf` cookie's value for the installation, or null when there is none. */
  csrf(): Promise<string | null>;
  timeoutMs?: number;
}

const createReplySchema = z.object({
  status: z.literal('ok'),
  data: z.object({ id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]) }),
});

const LOGIN_FORM = /<form[^>]*>[\s\S]*?name=["']?(?:login|wa_auth_login)["']?/i;

export async function createLinkedDealViaBackend(
  baseUrl: string,
  params: { orderId: number; funnelId: number; stageId: number; ownerId: number | null },
  session: BackendSession,
): Promise<number> {
  const csrf = await session.csrf();
  if (!csrf) throw new BackendError('session', 'No Webasyst backend session in this browser.');
  const body = new URLSearchParams({
    order_id: String(params.orderId),
    'data[deal_id]': 'new',
    'data[funnel_id]': String(params.funnelId),
    'data[stage_id]': String(params.stageId),
    _csrf: csrf,
  });
  if (params.ownerId !== null) body.set('data[user_contact_id]', String(params.ownerId));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), session.timeoutMs ?? 20_000);
  let response: Response;
  let text: string;
  try {
    response = await session.fetch(`${baseUrl}webasyst/crm/?module=deal&action=create`, {
      method: 'POST',
      credentials: 'include',
      // XHR: no "last_page" cookie, and a short "session expired" reply instead of a login page.
      headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: body.toString(),
      signal: controller.signal,
      cache: 'no-store',
    });
    text = await response.text();
  } catch (error) {
    throw new BackendError('network', `Webasyst’s backend did not answer: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
  if (response.headers.get('wa-session-expired') === '1' || LOGIN_FORM.test(text)) {
    throw new BackendError('session', 'The Webasyst backend session has expired.', response.status);
  }
  // A _csrf that does not match the cookie (a stale cookie) gets an HTML 403: signing in again fixes it.
  if (response.status === 403) throw new BackendError('session', 'Webasyst refused the session’s CSRF token.', 403);
  if (response.status >= 500) throw new BackendError('server', `Webasyst’s backend had an error (HTTP ${response.status}).`, response.status);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackendError('malformed', 'Webasyst’s backend did not answer with JSON.', response.status);
  }
  const parsed = createReplySchema.safeParse(json);
  if (!parsed.success) throw new BackendError('malformed', 'Webasyst’s backend answered the deal creation unexpectedly.', response.status);
  return Number(parsed.data.data.id);
}
