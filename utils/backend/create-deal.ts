import { BackendError, type BackendErrorKind } from './errors';
import { postDealCreate, type DealCreateFailure } from './deal-create-endpoint';

/**
 * Creates a deal linked to an order (or binds an existing one) through the backend endpoint Webasyst's own "Create deal
 * in CRM" dialog uses (crm/?module=deal&action=create), with the browser's session: the
 * public API cannot write the link (external_id). The endpoint checks nothing (sim/README.md, "Oddities kept on purpose"),
 * so callers check before and verify after.
 */
export interface BackendSession {
  /** fetch that sends the browser's cookies for the installation (credentials: 'include'). */
  fetch: typeof fetch;
  /** The `_csrf` cookie's value for the installation, or null when there is none. */
  csrf(): Promise<string | null>;
  timeoutMs?: number;
}

/** How each of the endpoint's failures reads for the sync (which waits and retries on 'session'). */
const FAILURES: Record<DealCreateFailure, { kind: BackendErrorKind; message: string }> = {
  no_csrf: { kind: 'session', message: 'No Webasyst backend session in this browser.' },
  session_expired: { kind: 'session', message: 'The Webasyst backend session has expired.' },
  // A _csrf that does not match the cookie (a stale cookie) gets an HTML 403: signing in again fixes it.
  forbidden: { kind: 'session', message: 'Webasyst refused the session’s CSRF token.' },
  unreachable: { kind: 'network', message: 'Webasyst’s backend did not answer.' },
  server_error: { kind: 'server', message: 'Webasyst’s backend had an error.' },
  bad_reply: { kind: 'malformed', message: 'Webasyst’s backend answered the deal creation unexpectedly.' },
  refused: { kind: 'malformed', message: 'Webasyst’s backend refused to create the deal.' },
};

export async function createLinkedDealViaBackend(
  baseUrl: string,
  params: { orderId: number; funnelId: number; stageId: number; ownerId: number | null; bindDealId?: number | null },
  session: BackendSession,
): Promise<number> {
  const outcome = await postDealCreate(
    {
      backendRoot: `${baseUrl}webasyst/`,
      csrf: await session.csrf(),
      fetch: session.fetch,
      credentials: 'include',
      timeoutMs: session.timeoutMs,
    },
    params.orderId,
    params.bindDealId
      ? {
          kind: 'bind',
          dealId: params.bindDealId,
          funnelId: params.funnelId,
          stageId: params.stageId,
          ownerId: params.ownerId,
        }
      : { kind: 'new', funnelId: params.funnelId, stageId: params.stageId, ownerId: params.ownerId },
  );
  if (outcome.ok) return outcome.dealId;
  const { kind, message } = FAILURES[outcome.failure];
  throw new BackendError(kind, outcome.status ? `${message} (HTTP ${outcome.status})` : message, outcome.status);
}
