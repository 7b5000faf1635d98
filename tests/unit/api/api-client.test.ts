import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiClient } from '@/utils/api/client';
import { ApiError } from '@/utils/api/errors';
import { createWebasystApi } from '@/utils/api';
import { encodePhpParams } from '@/utils/api/encode';

const TOKEN = '0123456789abcdef0123456789abcdef';
const BASE = 'https://shop.example.com/';

interface Seen {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

type Responder = (req: Seen) => Response | Promise<Response>;

function fakeFetch(responder: Responder) {
  const seen: Seen[] = [];
  const fn = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const req: Seen = {
      url: new URL(String(input)),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? init.body : null,
    };
    seen.push(req);
    const signal = init?.signal;
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const result = responder(req);
    return await new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      Promise.resolve(result).then(resolve, reject);
    });
  });
  return { fn: fn as unknown as typeof fetch, seen };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

function client(responder: Responder, extra: Partial<ConstructorParameters<typeof ApiClient>[0]> = {}) {
  const f = fakeFetch(responder);
  const c = new ApiClient({ baseUrl: BASE, token: TOKEN, fetch: f.fn, random: () => 0.5, ...extra });
  return { client: c, seen: f.seen, fetch: f.fn };
}

const anything = z.unknown();

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected a failure');
}

describe('error taxonomy: every status Webasyst answers with', () => {
  const cases: Array<[number, Record<string, unknown>, string]> = [
    [400, { error: 'token_required', error_description: 'Access token is missing' }, 'auth'],
    [400, { error: 'invalid_request', error_description: 'Malformed request' }, 'bad_request'],
    [400, { error: 'invalid_param', error_description: 'Required parameter is missing: id' }, 'bad_request'],
    [400, { error: 'app_not_installed', error_description: 'App is not installed (foo)' }, 'app_not_installed'],
    [401, { error: 'invalid_token', sha256: 'x', error_description: 'Invalid access token' }, 'auth'],
    [402, { error: 'payment_required' }, 'licence'],
    [403, { error: 'access_denied' }, 'permission'],
    [404, { error: 'disabled', error_description: 'API disabled' }, 'api_disabled'],
    [404, { error: 'invalid_method', error_description: 'Unknown method: shop.order.foo' }, 'unknown_method'],
    [404, { error: 'invalid_param', error_description: 'Order not found.' }, 'not_found'],
    [404, { error: 'not_found', error_description: 'Deal not found' }, 'not_found'],
    [405, { error: 'invalid_request', error_description: 'Method POST not allowed' }, 'bad_request'],
    [409, { error: 'not_available', error_description: 'Action not available' }, 'conflict'],
    [429, { error: 'too_many_requests' }, 'rate_limited'],
    [500, { error: 'server_error', error_description: 'Boom' }, 'server'],
    [503, { error: 'server_error' }, 'server'],
  ];
  for (const [status, body, kind] of cases) {
    it(`${status} ${String(body.error)} → ${kind}`, async () => {
      // Query-mode from the start so that token_required is not taken for a dropped header.
      const { client: c } = client(() => json(status, body), { tokenInQuery: true, retry: { attempts: 1 } });
      const error = await failure(c.call({ method: 'shop.order.getInfo', query: { id: 1 }, schema: anything }));
      expect(error.kind).toBe(kind);
      expect(error.status).toBe(status);
      expect(error.toWire().code).toBe(kind);
      expect(error.message.length).toBeGreaterThan(10);
      expect(error.message).not.toContain(TOKEN);
      expect(error.url).not.toContain(TOKEN);
    });
  }

  it('409 from crm.deal.move keeps the dialog, order and action', async () => {
    const { client: c } = client(() =>
      json(409, { error: 'dialog', dialog_html: '<div>Move?</div>', order_id: '7', action_id: 'pay' }),
    );
    const error = await failure(
      c.call({ method: 'crm.deal.move', verb: 'POST', query: { id: 6 }, json: { stage_id: 3 }, schema: anything }),
    );
    expect(error).toMatchObject({ kind: 'conflict', dialogHtml: '<div>Move?</div>', orderId: 7, actionId: 'pay' });
  });

  it('a 409 with only dialog_html (no error key) is still a conflict', async () => {
    const { client: c } = client(() => json(409, { dialog_html: '<p>Order will remain unchanged</p>' }));
    const error = await failure(c.call({ method: 'crm.deal.close', verb: 'POST', json: {}, schema: anything }));
    expect(error.kind).toBe('conflict');
  });

  it('validation errors of crm.deal.add come with their fields', async () => {
    const { client: c } = client(() =>
      json(400, {
        error: 'error_validate',
        error_description: 'Invalid',
        error_fields: [{ field: 'stage_id', code: 'unknown', description: 'Unknown stage' }],
      }),
    );
    const error = await failure(c.call({ method: 'crm.deal.add', verb: 'POST', json: {}, schema: anything }));
    expect(error.kind).toBe('bad_request');
    expect(error.fieldErrors).toEqual([{ field: 'stage_id', description: 'Unknown stage' }]);
  });

  it('an error body with HTTP 200 (as api.php/token and JSONP send) is an error', async () => {
    const { client: c } = client(() => json(200, { error: 'access_denied' }));
    expect((await failure(c.call({ method: 'crm.user.me', schema: anything }))).kind).toBe('permission');
  });

  it('429 carries Retry-After (seconds and HTTP date)', async () => {
    const { client: c } = client(() => json(429, { error: 'rate' }, { 'Retry-After': '120' }), {
      retry: { attempts: 1 },
    });
    expect((await failure(c.call({ method: 'crm.history', schema: anything }))).retryAfterMs).toBe(120_000);
  });

  it('HTML where JSON is expected, broken JSON, and a wrong shape are malformed', async () => {
    const html = client(
      () =>
        new Response('<!doctype html><title>Oops</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
    );
    const e1 = await failure(html.client.call({ method: 'shop.order.search', schema: anything }));
    expect(e1.kind).toBe('malformed');
    expect(e1.message).toMatch(/HTML page/);
    const broken = client(
      () => new Response('{"orders": [', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    expect((await failure(broken.client.call({ method: 'shop.order.search', schema: anything }))).kind).toBe(
      'malformed',
    );
    const shape = client(() => json(200, { id: 'x' }));
    const e3 = await failure(shape.client.call({ method: 'crm.user.me', schema: z.object({ id: z.number() }) }));
    expect(e3.kind).toBe('malformed');
    expect(e3.message).toMatch(/id/);
  });

  it('an HTML 500 page is a server error, not malformed', async () => {
    const { client: c } = client(
      () => new Response('<html>Error</html>', { status: 500, headers: { 'Content-Type': 'text/html' } }),
      { retry: { attempts: 1 } },
    );
    expect(
      (await failure(c.call({ method: 'shop.order.action', verb: 'POST', form: {}, schema: anything }))).kind,
    ).toBe('server');
  });

  it('a refused connection is a network error', async () => {
    const { client: c } = client(() => Promise.reject(new TypeError('Failed to fetch')), { retry: { attempts: 1 } });
    expect((await failure(c.call({ method: 'crm.user.me', schema: anything }))).kind).toBe('network');
  });
});

describe('encoding: Shop reads form fields, CRM reads JSON', () => {
  it('PHP-style arrays and objects', () => {
    const params = encodePhpParams({
      id: 3,
      fields: ['user', 'tags'],
      items: [{ sku_id: 1, quantity: 2 }],
      params: { channel_id: 'x' },
      skip: null,
      flag: true,
    });
    expect(params.toString()).toBe(
      'id=3&fields%5B%5D=user&fields%5B%5D=tags&items%5B0%5D%5Bsku_id%5D=1&items%5B0%5D%5Bquantity%5D=2&params%5Bchannel_id%5D=x&flag=1',
    );
  });

  it('shop.order.action posts a form; crm.deal.move posts JSON with the id in the query', async () => {
    const { fetch: fetchFn, seen } = client((req) =>
      req.url.pathname.endsWith('shop.order.action')
        ? json(200, { id: 5, order_id: 3, action_id: 'pay', before_state_id: 'new', after_state_id: 'paid' })
        : new Response(null, { status: 204 }),
    );
    const api = createWebasystApi({ baseUrl: BASE, token: TOKEN, fetch: fetchFn });
    await api.shopOrderAction({ id: 3, action: 'pay', data: { text: 'paid by card' } });
    await api.crmDealMove({ id: 6, stage_id: 3 });
    const [action, move] = seen;
    expect(action.method).toBe('POST');
    expect(action.headers['Content-Type']).toMatch(/x-www-form-urlencoded/);
    expect(new URLSearchParams(action.body!).get('action')).toBe('pay');
    expect(new URLSearchParams(action.body!).get('id')).toBe('3');
    expect(new URLSearchParams(action.body!).get('text')).toBe('paid by card');
    expect(move.url.pathname).toBe('/api.php/crm.deal.move');
    expect(move.url.searchParams.get('id')).toBe('6');
    expect(move.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(move.body!)).toEqual({ stage_id: 3 });
  });

  it('crm.deal.add answers 201 with a bare id; crm.deal.list sends fields[]', async () => {
    const { fetch: fetchFn, seen } = client((req) =>
      req.url.pathname.endsWith('crm.deal.add') ? json(201, 42) : json(200, { params: { total_count: 0 }, data: [] }),
    );
    const api = createWebasystApi({ baseUrl: BASE, token: TOKEN, fetch: fetchFn });
    expect(await api.crmDealAdd({ name: 'Order #1003', stage_id: 1, contact_id: 4 })).toBe(42);
    await api.crmDealList({ contact_id: 4, fields: ['user'] });
    expect(seen[1].url.search).toBe('?contact_id=4&fields%5B%5D=user');
  });
});

describe('the token', () => {
  it('goes as a Bearer header, never in the URL', async () => {
    const { client: c, seen } = client(() => json(200, { id: 1, name: 'A', userpic: null }));
    await c.call({ method: 'crm.user.me', schema: anything });
    expect(seen[0].headers.Authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0].url.searchParams.has('access_token')).toBe(false);
  });

  it('falls back to ?access_token= once when the host drops the header, and remembers it', async () => {
    let remembered = 0;
    const { client: c, seen } = client(
      (req) =>
        req.url.searchParams.get('access_token') === TOKEN
          ? json(200, { ok: 1 })
          : json(400, { error: 'token_required' }),
      { onTokenInQuery: () => remembered++ },
    );
    await c.call({ method: 'shop.order.action', verb: 'POST', form: { id: 1, action: 'process' }, schema: anything });
    await c.call({ method: 'crm.user.me', schema: anything });
    expect(seen.map((s) => s.url.searchParams.has('access_token'))).toEqual([false, true, true]);
    expect(seen[2].headers.Authorization).toBeUndefined();
    expect(remembered).toBe(1);
    expect(c.usesTokenInQuery).toBe(true);
    expect(c.requestCount).toBe(3);
  });

  it('a token refused in both ways is an auth error, tried only twice', async () => {
    const { client: c, seen } = client(() => json(400, { error: 'token_required' }));
    const error = await failure(c.call({ method: 'crm.user.me', schema: anything }));
    expect(error.kind).toBe('auth');
    expect(seen).toHaveLength(2);
    expect(error.url).toContain('access_token=[hidden]');
    expect(JSON.stringify(error.toWire())).not.toContain(TOKEN);
  });
});

describe('timeouts and retries (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a request that never answers times out at the deadline', async () => {
    const { client: c, seen } = client(() => new Promise<Response>(() => undefined), {
      timeoutMs: 5_000,
      retry: { attempts: 1 },
    });
    const result = c.call({ method: 'crm.history', schema: anything }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(seen).toHaveLength(1);
    let settled = false;
    void result.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = (await result) as ApiError;
    expect(error.kind).toBe('timeout');
  });

  it('an idempotent GET is retried with backoff after a timeout and a 503', async () => {
    let n = 0;
    const { client: c, seen } = client(
      () => {
        n++;
        if (n === 1) return new Promise<Response>(() => undefined);
        if (n === 2) return json(503, { error: 'server_error' });
        return json(200, { fine: true });
      },
      { timeoutMs: 1_000, retry: { attempts: 3, baseDelayMs: 500, maxDelayMs: 8_000 } },
    );
    const result = c.call({ method: 'shop.order.search', schema: anything });
    await vi.advanceTimersByTimeAsync(1_000); // timeout
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(375); // backoff 500 with jitter 0.5 → 375
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(749); // second backoff 1000 → 750
    expect(seen).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toEqual({ fine: true });
    expect(seen).toHaveLength(3);
  });

  it('writes are never retried by the client', async () => {
    const { client: c, seen } = client(() => json(500, { error: 'server_error' }), { retry: { attempts: 5 } });
    const error = await failure(
      c.call({ method: 'crm.deal.move', verb: 'POST', json: { stage_id: 2 }, schema: anything }),
    );
    expect(error.kind).toBe('server');
    expect(seen).toHaveLength(1);
    const timeouts = client(() => new Promise<Response>(() => undefined), { timeoutMs: 1_000, retry: { attempts: 5 } });
    const pending = timeouts.client
      .call({ method: 'shop.order.action', verb: 'POST', form: {}, schema: anything })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(((await pending) as ApiError).kind).toBe('timeout');
    expect(timeouts.seen).toHaveLength(1);
  });

  it('429 on a GET waits for Retry-After; a too long Retry-After is handed to the caller', async () => {
    let n = 0;
    const { client: c, seen } = client(() => (++n === 1 ? json(429, {}, { 'Retry-After': '2' }) : json(200, [])));
    const result = c.call({ method: 'crm.funnel.list', schema: anything });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toEqual([]);

    const long = client(() => json(429, {}, { 'Retry-After': '3600' }));
    const error = await failure(long.client.call({ method: 'crm.funnel.list', schema: anything }));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_600_000 });
    expect(long.seen).toHaveLength(1);
  });

  it('4xx other than 429 are not retried', async () => {
    const { client: c, seen } = client(() => json(404, { error: 'not_found' }));
    await failure(c.call({ method: 'crm.deal.info', query: { id: 9 }, schema: anything }));
    expect(seen).toHaveLength(1);
  });
});

describe('reply handling', () => {
  it('204 is success without a body', async () => {
    const { fetch: fetchFn } = client(() => new Response(null, { status: 204 }));
    const api = createWebasystApi({ baseUrl: BASE, token: TOKEN, fetch: fetchFn });
    await expect(api.crmDealClose({ id: 6, status_id: 'WON' })).resolves.toBeUndefined();
  });

  it('a write that was redirected (http → https drops POST bodies) fails clearly', async () => {
    const f = fakeFetch(() => {
      const response = json(405, { error: 'invalid_request', error_description: 'Method GET not allowed' });
      Object.defineProperty(response, 'redirected', { value: true });
      Object.defineProperty(response, 'url', { value: 'https://shop.example.com/api.php/shop.order.action' });
      return response;
    });
    const c = new ApiClient({ baseUrl: 'http://shop.example.com/', token: TOKEN, fetch: f.fn });
    const error = await failure(
      c.call({ method: 'shop.order.action', verb: 'POST', form: { id: 1 }, schema: anything }),
    );
    expect(error.message).toMatch(/redirected/);
    expect(error.message).toMatch(/https:\/\/shop\.example\.com/);
  });

  it('reports every outcome for the connection health', async () => {
    const outcomes: string[] = [];
    let n = 0;
    const { client: c } = client(() => (++n === 1 ? json(401, { error: 'invalid_token' }) : json(200, {})), {
      onOutcome: (o) => outcomes.push(o.ok ? 'ok' : o.error.kind),
    });
    await failure(c.call({ method: 'crm.user.me', schema: anything }));
    await c.call({ method: 'crm.user.me', schema: anything });
    expect(outcomes).toEqual(['auth', 'ok']);
  });
});
