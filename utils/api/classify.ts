import { ApiError, type ApiErrorKind } from './errors';

/** The error body Webasyst sends: `{error, error_description}` plus extras some methods add. */
export interface ErrorBody {
  error: string;
  error_description?: unknown;
  dialog_html?: unknown;
  order_id?: unknown;
  action_id?: unknown;
  error_fields?: unknown;
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as ErrorBody).error === 'string'
  );
}

/** Turns an HTTP status and Webasyst's error body (if any) into one ApiError. */
export function classifyErrorReply(input: {
  method: string;
  status: number;
  body: ErrorBody | null;
  url: string;
  retryAfter?: string | null;
  now?: number;
}): ApiError {
  const { method, status, body, url } = input;
  const code = body?.error ?? null;
  const kind = kindOf(status, code);
  return new ApiError({
    kind,
    method,
    status,
    url,
    apiCode: code,
    apiDescription: typeof body?.error_description === 'string' ? body.error_description : null,
    retryAfterMs: kind === 'rate_limited' ? parseRetryAfter(input.retryAfter ?? null, input.now ?? Date.now()) : null,
    dialogHtml: typeof body?.dialog_html === 'string' ? body.dialog_html : null,
    orderId: toIntOrNull(body?.order_id),
    actionId: typeof body?.action_id === 'string' ? body.action_id : null,
    fieldErrors: fieldErrorsOf(body?.error_fields),
  });
}

function kindOf(status: number, code: string | null): ApiErrorKind {
  // Webasyst's own codes are more precise than the status (and api.php/token answers 200).
  switch (code) {
    case 'token_required':
    case 'invalid_token':
      return 'auth';
    case 'payment_required':
      return 'licence';
    case 'access_denied':
    case 'forbidden':
      return 'permission';
    case 'app_not_installed':
      return 'app_not_installed';
    case 'disabled':
      return 'api_disabled';
    case 'invalid_method':
      return 'unknown_method';
    case 'not_found':
      return 'not_found';
    case 'not_available':
      return 'conflict';
  }
  if (status === 401) return 'auth';
  if (status === 402) return 'licence';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** Retry-After is either seconds or an HTTP date; null when absent or unreadable. */
function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

function toIntOrNull(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

function fieldErrorsOf(value: unknown): Array<{ field: string; description: string }> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { field, description, code } = entry as Record<string, unknown>;
    if (typeof field !== 'string') return [];
    const text = typeof description === 'string' ? description : typeof code === 'string' ? code : '';
    return [{ field, description: text }];
  });
}
