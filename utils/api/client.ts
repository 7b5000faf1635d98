import type { z } from 'zod';
import { ApiError, redactText } from './errors';
import { classifyErrorReply, isErrorBody } from './classify';
import { encodePhpParams, type Params } from './encode';

export type HttpVerb = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface CallSpec<S extends z.ZodType> {
  /** The api.php method, e.g. "shop.order.search". */
  method: string;
  verb?: HttpVerb;
  query?: Params;
  /** Form-encoded body (Shop-Script reads $_POST). */
  form?: Params;
  /** JSON body (CRM write methods read php://input). */
  json?: unknown;
  /** Validates (and normalises) the reply; a 204 reply is validated as `null`. */
  schema: S;
  /**
   * Success is HTTP 204 (whatever its body). Any other 2xx must carry a body the schema
   * accepts: a 200 with nothing, `null` or `{}` is a malformed reply, so a write is re-read
   * rather than counted as done.
   */
  noContent?: boolean;
  timeoutMs?: number;
}

export interface RetryPolicy {
  /** Total tries for an idempotent GET (1 = no retry). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429 whose Retry-After is longer than this is not waited for: the caller gets the error. */
  maxRetryAfterMs: number;
}

export interface ApiClientOptions {
  /** Installation root with a trailing slash, e.g. "https://shop.example.com/". */
  baseUrl: string;
  token: string;
  /** Send the token as ?access_token= instead of the Authorization header (hosts that drop it). */
  tokenInQuery?: boolean;
  /** Called once when the client finds that this host drops the Authorization header. */
  onTokenInQuery?: () => void;
  /** Called after every call (after retries) so the connection can track its health. */
  onOutcome?: (outcome: { ok: true } | { ok: false; error: ApiError }) => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

/**
 * The only HTTP client for api.php (background only: it holds the token). It sends the
 * token, encodes bodies the way each app reads them, times out every request, turns every
 * failure into an ApiError, validates every reply with zod, and retries only idempotent GETs.
 */
export class ApiClient {
  readonly baseUrl: string;
  private readonly token: string;
  private tokenInQuery: boolean;
  private readonly options: ApiClientOptions;
  private readonly retry: RetryPolicy;
  private requests = 0;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.token = options.token;
    this.tokenInQuery = options.tokenInQuery ?? false;
    this.options = options;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** HTTP requests sent so far by this client (retries included). */
  get requestCount(): number {
    return this.requests;
  }

  get usesTokenInQuery(): boolean {
    return this.tokenInQuery;
  }

  async call<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.output<S>> {
    try {
      const result = await this.callWithRetries(spec);
      this.options.onOutcome?.({ ok: true });
      return result;
    } catch (error) {
      const apiError = toApiError(error, spec.method);
      this.options.onOutcome?.({ ok: false, error: apiError });
      throw apiError;
    }
  }

  private async callWithRetries<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.output<S>> {
    const verb = spec.verb ?? 'GET';
    // Writes are never repeated here: whether a lost write happened is for the sync engine
    // to find out by reading again.
    const attempts = verb === 'GET' ? Math.max(1, this.retry.attempts) : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.callOnceWithTokenFallback(spec, verb);
      } catch (error) {
        const apiError = toApiError(error, spec.method);
        const delay = this.retryDelay(apiError, attempt, attempts);
        if (delay === null) throw apiError;
        await sleep(delay);
      }
    }
  }

  /** Milliseconds to wait before the next try, or null when the error is final. */
  private retryDelay(error: ApiError, attempt: number, attempts: number): number | null {
    if (attempt >= attempts) return null;
    if (error.kind === 'rate_limited') {
      if (error.retryAfterMs == null) return this.backoff(attempt);
      return error.retryAfterMs <= this.retry.maxRetryAfterMs ? error.retryAfterMs : null;
    }
    const retryable =
      error.kind === 'network' ||
      error.kind === 'timeout' ||
      (error.kind === 'server' && (error.status === null || [500, 502, 503, 504].includes(error.status)));
    return retryable ? this.backoff(attempt) : null;
  }

  private backoff(attempt: number): number {
    const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    // Full jitter keeps several browsers of one team from retrying in lockstep.
    const random = this.options.random ?? Math.random;
    return Math.round(exp / 2 + (random() * exp) / 2);
  }

  private async callOnceWithTokenFallback<S extends z.ZodType>(
    spec: CallSpec<S>,
    verb: HttpVerb,
  ): Promise<z.output<S>> {
    const usedHeader = !this.tokenInQuery;
    try {
      return await this.callOnce(spec, verb);
    } catch (error) {
      // A host that strips the Authorization header (Apache + CGI) makes Webasyst answer
      // token_required although we sent one. The method never ran, so repeating is safe.
      if (usedHeader && error instanceof ApiError && error.apiCode === 'token_required') {
        this.tokenInQuery = true;
        this.options.onTokenInQuery?.();
        return await this.callOnce(spec, verb);
      }
      throw error;
    }
  }

  private async callOnce<S extends z.ZodType>(spec: CallSpec<S>, verb: HttpVerb): Promise<z.output<S>> {
    const url = new URL(`api.php/${spec.method}`, this.baseUrl);
    const query = encodePhpParams(spec.query ?? {});
    if (this.tokenInQuery) query.set('access_token', this.token);
    url.search = query.toString();

    const headers: Record<string, string> = { Accept: 'application/json' };
    if (!this.tokenInQuery) headers.Authorization = `Bearer ${this.token}`;
    let body: string | undefined;
    if (spec.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(spec.json);
    } else if (spec.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
      body = encodePhpParams(spec.form).toString();
    }

    const reply = await fetchWithTimeout(this.options.fetch ?? globalThis.fetch.bind(globalThis), {
      method: spec.method,
      url: url.toString(),
      init: { method: verb, headers, body, credentials: 'omit', cache: 'no-store', redirect: 'follow' },
      timeoutMs: spec.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      onSend: () => this.requests++,
    });
    return parseReply(spec, verb, url.toString(), reply);
  }
}

export interface RawReply {
  status: number;
  url: string;
  redirected: boolean;
  contentType: string;
  retryAfter: string | null;
  text: string;
}

/**
 * One request with a deadline covering the headers and the body. Every failure comes out
 * as an ApiError; the request URL in it has its token removed.
 */
export async function fetchWithTimeout(
  fetchFn: typeof fetch,
  req: { method: string; url: string; init: RequestInit; timeoutMs: number; onSend?: () => void },
): Promise<RawReply> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  try {
    req.onSend?.();
    const response = await fetchFn(req.url, { ...req.init, signal: controller.signal });
    const text = await response.text();
    return {
      status: response.status,
      url: response.url || req.url,
      redirected: response.redirected,
      contentType: response.headers.get('content-type') ?? '',
      retryAfter: response.headers.get('retry-after'),
      text,
    };
  } catch (error) {
    if (timedOut) throw new ApiError({ kind: 'timeout', method: req.method, url: req.url });
    throw new ApiError({ kind: 'network', method: req.method, url: req.url, cause: redactCause(error) });
  } finally {
    clearTimeout(timer);
  }
}

function parseReply<S extends z.ZodType>(spec: CallSpec<S>, verb: HttpVerb, url: string, reply: RawReply): z.output<S> {
  const method = spec.method;
  if (verb !== 'GET' && reply.redirected) {
    // A redirect turns POST into GET and drops the body (e.g. http → https with ssl_all).
    throw new ApiError(
      { kind: 'bad_request', method, status: reply.status, url },
      `Webasyst redirected ${method} to another address (${new URL(reply.url).origin}), which drops the data sent. Connect Dealbridge with the installation’s final address (https).`,
    );
  }
  const json = parseJson(reply.text);
  if (json.ok && isErrorBody(json.value)) {
    throw classifyErrorReply({ method, status: reply.status, body: json.value, url, retryAfter: reply.retryAfter });
  }
  if (reply.status >= 400) {
    throw classifyErrorReply({ method, status: reply.status, body: null, url, retryAfter: reply.retryAfter });
  }
  let value: unknown;
  if (reply.status === 204 || reply.text.trim() === '') value = null;
  else if (json.ok) value = json.value;
  else {
    throw new ApiError(
      { kind: 'malformed', method, status: reply.status, url },
      looksLikeHtml(reply)
        ? `Webasyst answered ${method} with an HTML page (HTTP ${reply.status}) where JSON was expected.`
        : `Webasyst’s answer to ${method} is not valid JSON (HTTP ${reply.status}).`,
    );
  }
  if (spec.noContent && reply.status !== 204 && value === null) {
    throw new ApiError(
      { kind: 'malformed', method, status: reply.status, url },
      `Webasyst answered ${method} with HTTP ${reply.status} and no content where 204 was expected.`,
    );
  }
  const parsed = spec.schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'reply'}: ${issue.message}` : 'unexpected shape';
    throw new ApiError(
      { kind: 'malformed', method, status: reply.status, url },
      `Webasyst’s answer to ${method} has an unexpected shape (${redactText(where)}).`,
    );
  }
  return parsed.data;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function looksLikeHtml(reply: Pick<RawReply, 'contentType' | 'text'>): boolean {
  return /text\/html/i.test(reply.contentType) || /^\s*</.test(reply.text);
}

function toApiError(error: unknown, method: string): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ kind: 'network', method, cause: redactCause(error) });
}

/** Keeps the kind of an underlying failure without any text that could hold a URL. */
function redactCause(error: unknown): unknown {
  return error instanceof Error ? { name: error.name, message: redactText(error.message) } : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
