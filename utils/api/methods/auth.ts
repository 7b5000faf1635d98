import { ApiError } from '../errors';
import { classifyErrorReply, isErrorBody } from '../classify';
import { DEFAULT_TIMEOUT_MS, fetchWithTimeout, looksLikeHtml } from '../client';
import { tokenReplySchema } from '../schemas/webasyst';

/**
 * The consent endpoints around the methods: api.php/auth (a page the user sees),
 * api.php/token (code → token) and api.php/revoke. Only these ever put a token or code
 * in a request other than the Authorization header.
 */

/** Dealbridge's own client_id: Webasyst keeps one token per user and client_id. */
const CLIENT_ID = 'dealbridge';
const CLIENT_NAME = 'Dealbridge';
export const SCOPE = 'shop,crm';

export interface ConsentUrlOptions {
  responseType: 'token' | 'code';
  /** Omitted with responseType "code": the consent page then shows the code to copy. */
  redirectUri?: string;
}

export function consentUrl(baseUrl: string, options: ConsentUrlOptions): string {
  const url = new URL('api.php/auth', baseUrl);
  url.searchParams.set('client_id', CLIENT_ID);
  url.searchParams.set('client_name', CLIENT_NAME);
  url.searchParams.set('response_type', options.responseType);
  url.searchParams.set('scope', SCOPE);
  if (options.redirectUri) url.searchParams.set('redirect_uri', options.redirectUri);
  return url.toString();
}

interface EndpointOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Exchanges a code from the consent page for a token (the code lives 3 minutes). */
export async function exchangeCode(baseUrl: string, code: string, options: EndpointOptions = {}): Promise<string> {
  const url = new URL('api.php/token', baseUrl).toString();
  const body = new URLSearchParams({ code, client_id: CLIENT_ID, grant_type: 'authorization_code' });
  const reply = await fetchWithTimeout(options.fetch ?? globalThis.fetch.bind(globalThis), {
    method: 'token',
    url,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
      body: body.toString(),
      credentials: 'omit',
      cache: 'no-store',
    },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  let json: unknown = null;
  try {
    json = JSON.parse(reply.text);
  } catch {
    const what = looksLikeHtml(reply) ? 'an HTML page' : 'something that is not JSON';
    throw new ApiError(
      { kind: 'malformed', method: 'token', status: reply.status, url },
      `api.php/token answered with ${what} (HTTP ${reply.status}).`,
    );
  }
  if (isErrorBody(json)) {
    // Webasyst answers a bad or expired code with HTTP 200 and {"error":"invalid_grant"}.
    if (json.error === 'invalid_grant' || json.error === 'invalid_request') {
      throw new ApiError(
        { kind: 'bad_request', method: 'token', status: reply.status, url, apiCode: json.error },
        'Webasyst did not accept this code. Codes expire after 3 minutes and work once: get a new one and paste it right away.',
      );
    }
    throw classifyErrorReply({ method: 'token', status: reply.status, body: json, url });
  }
  if (reply.status >= 400) throw classifyErrorReply({ method: 'token', status: reply.status, body: null, url });
  const parsed = tokenReplySchema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      { kind: 'malformed', method: 'token', status: reply.status, url },
      'api.php/token answered without a token.',
    );
  }
  return parsed.data.access_token;
}

/** Deletes the token in Webasyst. Resolves false when Webasyst could not be told (already gone, offline). */
export async function revokeToken(baseUrl: string, token: string, options: EndpointOptions = {}): Promise<boolean> {
  const url = new URL('api.php/revoke', baseUrl);
  url.searchParams.set('access_token', token);
  try {
    const reply = await fetchWithTimeout(options.fetch ?? globalThis.fetch.bind(globalThis), {
      method: 'revoke',
      url: url.toString(),
      init: {
        method: 'GET',
        headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
        credentials: 'omit',
        cache: 'no-store',
      },
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    if (reply.status >= 400) return false;
    try {
      return !isErrorBody(JSON.parse(reply.text));
    } catch {
      return false;
    }
  } catch {
    return false;
  }
}
