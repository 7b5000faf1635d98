import type { WireError } from '../messaging/define';

/**
 * Every way a call to Webasyst's api.php can fail, as one closed set. UIs translate by
 * `kind` (the wire code); the English message is the fallback and the log text.
 */
export type ApiErrorKind =
  | 'auth' // 401 invalid_token, or no token reached the server
  | 'permission' // 403: no backend rights to the app, or the app is outside the token's scope
  | 'licence' // 402: the app's licence blocks the API
  | 'not_found' // 404: the order/deal does not exist (or an action is not available)
  | 'conflict' // 409: CRM wants a confirmation (dialog_html) or the action is not available
  | 'rate_limited' // 429
  | 'server' // 5xx
  | 'network' // no answer at all: DNS, refused, reset, redirect loop
  | 'timeout' // no answer in time
  | 'malformed' // an answer that is not the JSON we expect (HTML page, broken JSON, wrong shape)
  | 'bad_request' // 400/405: Webasyst refused the request itself (a missing parameter, a validation error)
  | 'app_not_installed' // 400 app_not_installed
  | 'api_disabled' // 404 disabled: the API is switched off in the installation's config
  | 'unknown_method'; // 404 invalid_method: the app is too old for this method

export interface ApiErrorDetails {
  kind: ApiErrorKind;
  /** The api.php method, e.g. "shop.order.action", or an endpoint such as "token". */
  method: string;
  status?: number | null;
  /** Webasyst's own `error` code, e.g. "invalid_param". */
  apiCode?: string | null;
  /** Webasyst's `error_description`, already free of any token. */
  apiDescription?: string | null;
  retryAfterMs?: number | null;
  /** 409 from crm.deal.move/close: the confirmation Webasyst would have shown. */
  dialogHtml?: string | null;
  orderId?: number | null;
  actionId?: string | null;
  /** Validation errors of crm.deal.add and similar. */
  fieldErrors?: Array<{ field: string; description: string }>;
  /** The URL that was called, with any access_token removed. */
  url?: string | null;
  cause?: unknown;
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly method: string;
  readonly status: number | null;
  readonly apiCode: string | null;
  readonly apiDescription: string | null;
  readonly retryAfterMs: number | null;
  readonly dialogHtml: string | null;
  readonly orderId: number | null;
  readonly actionId: string | null;
  readonly fieldErrors: Array<{ field: string; description: string }>;
  readonly url: string | null;

  constructor(details: ApiErrorDetails, message?: string) {
    super(message ?? describeApiError(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ApiError';
    this.kind = details.kind;
    this.method = details.method;
    this.status = details.status ?? null;
    this.apiCode = details.apiCode ?? null;
    this.apiDescription = details.apiDescription ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.dialogHtml = details.dialogHtml ?? null;
    this.orderId = details.orderId ?? null;
    this.actionId = details.actionId ?? null;
    this.fieldErrors = details.fieldErrors ?? [];
    this.url = details.url ? redactUrl(details.url) : null;
  }

  /** Whether trying the same request later may succeed (the caller still decides if it is safe). */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'rate_limited';
  }

  /** What the message router sends to a UI: a stable code and a message without secrets. */
  toWire(): WireError {
    return { code: this.kind, message: redactText(this.message) };
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Removes the value of every access_token parameter (query or fragment) from a URL. */
export function redactUrl(url: string): string {
  return url.replace(/([?&#]access_token=)[^&#\s]*/gi, '$1[hidden]');
}

/** Same as redactUrl, for free text that may contain URLs or "access_token=…" pairs. */
export function redactText(text: string): string {
  return redactUrl(text).replace(/(Bearer\s+)[A-Za-z0-9._~+/-]+=*/g, '$1[hidden]');
}

const APP_NAMES: Record<string, string> = { shop: 'Shop-Script', crm: 'CRM', webasyst: 'Webasyst' };

/** "shop.order.action" → "Shop-Script". */
function appNameOf(method: string): string {
  const app = method.split('.')[0] ?? '';
  return APP_NAMES[app] ?? (app || 'Webasyst');
}

function describeApiError(d: ApiErrorDetails): string {
  const app = appNameOf(d.method);
  const said = d.apiDescription ? ` Webasyst said: “${d.apiDescription}”.` : '';
  switch (d.kind) {
    case 'auth':
      return 'Webasyst no longer accepts Dealbridge’s token (it was revoked or the user was removed). Connect again in Dealbridge’s settings.';
    case 'permission':
      return `Your Webasyst user has no access to ${app} for this (${d.method}), or the connection was authorised without ${app}. Ask an administrator for access rights, then connect again.`;
    case 'licence':
      return `${app}’s licence on this Webasyst is not active, so Webasyst blocks its API (payment required). Activate the licence in the Installer.`;
    case 'not_found':
      return `Webasyst did not find what ${d.method} asked for.${said}`;
    case 'conflict':
      return `Webasyst asks for a confirmation before ${d.method} can go ahead.${said}`;
    case 'rate_limited':
      return d.retryAfterMs != null
        ? `Webasyst asks Dealbridge to slow down; it will try again in ${Math.ceil(d.retryAfterMs / 1000)} s.`
        : 'Webasyst asks Dealbridge to slow down; it will try again later.';
    case 'server':
      return `Webasyst had an internal error (HTTP ${d.status ?? '5xx'}) in ${d.method}.${said}`;
    case 'network':
      return 'Webasyst could not be reached (no connection, or the server refused it).';
    case 'timeout':
      return `Webasyst did not answer ${d.method} in time.`;
    case 'malformed':
      return `Webasyst’s answer to ${d.method} was not what Dealbridge expects.${said}`;
    case 'bad_request':
      return `Webasyst refused ${d.method}.${said}`;
    case 'app_not_installed':
      return `${app} is not installed in this Webasyst.`;
    case 'api_disabled':
      return 'The API is switched off in this Webasyst’s configuration (disable_api).';
    case 'unknown_method':
      return `This Webasyst does not know ${d.method}; ${app} may be too old.`;
  }
}
