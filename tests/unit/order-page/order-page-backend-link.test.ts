import { describe, expect, it, vi } from 'vitest';
import { interpretDealCreateReply as interpretReply } from '@/utils/backend/deal-create-endpoint';
import { backendRoot, linkThroughBackend, readCsrf } from '@/utils/pages/shop/backend-link';

const location = { origin: 'https://shop.test', pathname: '/sub/webasyst/shop/' };

describe('the backend linking endpoint', () => {
  it('posts what Webasyst’s own dialog posts, with the page’s _csrf, as XHR', async () => {
    const fetch = vi.fn(async () => new Response('{"status":"ok","data":{"id":"8"}}', { status: 200 }));
    const outcome = await linkThroughBackend(
      { location, cookie: () => 'a=1; _csrf=abc%3D%3D; b=2', fetch: fetch as unknown as typeof globalThis.fetch },
      2,
      { kind: 'bind', dealId: 8, funnelId: 1, stageId: 2, ownerId: 1 },
    );
    expect(outcome).toEqual({ ok: true, dealId: 8 });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://shop.test/sub/webasyst/crm/?module=deal&action=create');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['X-Requested-With']).toBe('XMLHttpRequest');
    const body = new URLSearchParams(init.body as string);
    expect(Object.fromEntries(body)).toEqual({
      order_id: '2',
      'data[deal_id]': '8',
      'data[funnel_id]': '1',
      'data[stage_id]': '2',
      'data[user_contact_id]': '1',
      _csrf: 'abc==',
    });
  });

  it('sends data[deal_id]=new for a new deal and reads a numeric id', async () => {
    const fetch = vi.fn(async () => new Response('{"status":"ok","data":{"id":7}}'));
    const outcome = await linkThroughBackend({ location, cookie: () => '_csrf=x', fetch: fetch as never }, 7, {
      kind: 'new',
      funnelId: 1,
      stageId: 1,
      ownerId: 6,
    });
    expect(outcome).toEqual({ ok: true, dealId: 7 });
    expect(
      new URLSearchParams((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body as string).get(
        'data[deal_id]',
      ),
    ).toBe('new');
  });

  it('does not post without a _csrf cookie or outside the backend', async () => {
    const fetch = vi.fn();
    expect(
      await linkThroughBackend({ location, cookie: () => 'a=1', fetch: fetch as never }, 1, {
        kind: 'new',
        funnelId: 1,
        stageId: 1,
        ownerId: 1,
      }),
    ).toMatchObject({ ok: false, failure: 'no_csrf' });
    expect(
      await linkThroughBackend(
        { location: { origin: 'https://x', pathname: '/' }, cookie: () => '_csrf=1', fetch: fetch as never },
        1,
        { kind: 'new', funnelId: 1, stageId: 1, ownerId: 1 },
      ),
    ).toMatchObject({ ok: false, failure: 'no_csrf' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reports an unreachable backend', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(
      await linkThroughBackend({ location, cookie: () => '_csrf=x', fetch: fetch as never }, 1, {
        kind: 'new',
        funnelId: 1,
        stageId: 1,
        ownerId: 1,
      }),
    ).toEqual({ ok: false, failure: 'unreachable', status: null });
  });

  it.each([
    [200, '1', 'Session has expired', 'session_expired'],
    [
      200,
      null,
      '<html><form method="post"><input name="login"><input type="password" name="password"></form></html>',
      'session_expired',
    ],
    [403, null, '<h1>Error #403</h1>', 'forbidden'],
    [500, null, '<h1>Order not found</h1>', 'server_error'],
    [200, null, '<html>Bad gateway</html>', 'bad_reply'],
    [200, null, '{"status":"fail","errors":["x"]}', 'refused'],
    [200, null, '{"status":"ok","data":{"id":"abc"}}', 'bad_reply'],
    [200, null, '{"status":"ok","data":{"id":-3}}', 'bad_reply'],
  ] as const)('status %s, session header %s: %s → %s', (status, header, body, failure) => {
    expect(interpretReply(status, header, body)).toMatchObject({ ok: false, failure });
  });

  it('finds the backend root and the _csrf cookie', () => {
    expect(backendRoot({ origin: 'http://a', pathname: '/webasyst/shop/' })).toBe('http://a/webasyst/');
    expect(readCsrf('x=1;  _csrf=t%2Bk ; y')).toBe('t+k');
    expect(readCsrf('_csrfx=1')).toBeNull();
  });
});
