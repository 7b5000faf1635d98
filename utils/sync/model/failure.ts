import { isApiError } from '../../api/errors';
import { isBackendError } from '../../backend/errors';

/**
 * What a failed call means for the outbox:
 * - uncertain: a write whose reply was lost (timeout, reset, 5xx, garbled): re-read before trying again
 * - transient: a read that failed the same way: try again later
 * - rate: asked to slow down (429, Retry-After)
 * - auth: the token no longer works: stop the cycle, touch no item
 * - session: no backend session in this browser (automatic creation): wait for a sign-in
 * - forbidden, not_found, conflict, rejected: Webasyst said no; never repeated blindly
 */
type FailureKind =
  | 'uncertain'
  | 'transient'
  | 'rate'
  | 'auth'
  | 'session'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rejected';

export interface Failure {
  kind: FailureKind;
  message: string;
  retryAfterMs: number | null;
  /** 409 from crm.deal.move/close: the Shop action Webasyst's built-in integration wants a form for. */
  actionId: string | null;
  /** The server answered (even with an error): it is no longer working on the request. */
  answered: boolean;
}

export function classifyFailure(error: unknown, write: boolean): Failure {
  const lost: FailureKind = write ? 'uncertain' : 'transient';
  if (isApiError(error)) {
    const answered = error.kind !== 'network' && error.kind !== 'timeout' && error.status !== 408;
    const base = {
      message: error.apiDescription ?? error.message,
      retryAfterMs: error.retryAfterMs,
      actionId: error.actionId,
      answered,
    };
    if (error.status === 408) return { ...base, kind: lost };
    switch (error.kind) {
      case 'network':
      case 'timeout':
      case 'server':
      case 'malformed':
        return { ...base, kind: lost };
      case 'rate_limited':
        return { ...base, kind: 'rate' };
      case 'auth':
        return { ...base, kind: 'auth' };
      case 'permission':
      case 'licence':
        return { ...base, kind: 'forbidden' };
      case 'not_found':
        return { ...base, kind: 'not_found' };
      case 'conflict':
        return { ...base, kind: 'conflict' };
      default:
        return { ...base, kind: 'rejected' };
    }
  }
  if (isBackendError(error)) {
    const base = { message: error.message, retryAfterMs: null, actionId: null, answered: error.kind !== 'network' };
    if (error.kind === 'session') return { ...base, kind: 'session' };
    if (error.kind === 'forbidden') return { ...base, kind: 'forbidden' };
    return { ...base, kind: lost };
  }
  // Anything else is a fault of ours or of the runtime: treat as lost, so it is re-checked and retried.
  return {
    kind: lost,
    message: error instanceof Error ? error.message : String(error),
    retryAfterMs: null,
    actionId: null,
    answered: false,
  };
}
