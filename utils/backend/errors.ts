/**
 * Failures of the Webasyst backend endpoints Dealbridge calls with the browser's session
 * (not api.php): they have their own ways of saying "not signed in".
 */
export type BackendErrorKind =
  /** No backend session in this browser (wa-session-expired, a login form, no _csrf cookie). */
  | 'session'
  /** The endpoint answered, but not with what it answers on success. */
  | 'malformed'
  /** HTTP 5xx (the real endpoint answers 500 for an unknown order). */
  | 'server'
  /** No answer at all, or none in time: the request may or may not have been applied. */
  | 'network'
  | 'forbidden';

export class BackendError extends Error {
  constructor(
    readonly kind: BackendErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

export function isBackendError(error: unknown): error is BackendError {
  return error instanceof BackendError;
}
