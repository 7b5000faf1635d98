import { describe, expect, it } from 'vitest';
import { createWebasystApi } from '@/utils/api';
import { isApiError } from '@/utils/api/errors';

/**
 * crm.deal.move / close / reopen / delete succeed with HTTP 204 (whatever the body) or, for
 * bulk calls, a documented 200 body. Any other reply is malformed: the sync engine then
 * re-reads the deal instead of counting its write as done.
 */
const TOKEN = '0123456789abcdef0123456789abcdef';
const BASE = 'https://shop.example.com/';

function apiAnswering(response: () => Response) {
  const fetchFn = (async () => response()) as unknown as typeof fetch;
  return createWebasystApi({ baseUrl: BASE, token: TOKEN, fetch: fetchFn, retry: { attempts: 1 } });
}

const CALLS = {
  move: (api: ReturnType<typeof apiAnswering>) => api.crmDealMove({ id: 6, stage_id: 3 }),
  close: (api: ReturnType<typeof apiAnswering>) => api.crmDealClose({ id: 6, status_id: 'WON' }),
  reopen: (api: ReturnType<typeof apiAnswering>) => api.crmDealReopen({ id: 6 }),
  delete: (api: ReturnType<typeof apiAnswering>) => api.crmDealDelete({ id: 6 }),
};

const json = (status: number, body: string) => () =>
  new Response(body, { status, headers: { 'Content-Type': 'application/json' } });

describe('replies to deal writes without content', () => {
  it.each(Object.entries(CALLS))('%s: HTTP 204 is success whatever its body', async (_name, call) => {
    await expect(call(apiAnswering(() => new Response(null, { status: 204 })))).resolves.toBeUndefined();
    // Webasyst echoes the literal `null` with its 204 (a Response cannot carry a 204 body).
    const withBody = (body: string) => () =>
      Object.assign(new Response(null, { status: 204 }), { text: async () => body });
    await expect(call(apiAnswering(withBody('null')))).resolves.toBeUndefined();
    await expect(call(apiAnswering(withBody('<html>ok</html>')))).resolves.toBeUndefined();
  });

  it.each([
    ['move', '{"moved":[6]}'],
    ['move', '{"changed_counts":[1]}'],
    ['close', '{"closed":[6]}'],
    ['delete', '{"deleted":["6"]}'],
  ] as const)('%s: the documented bulk body %s is success', async (name, body) => {
    await expect(CALLS[name](apiAnswering(json(200, body)))).resolves.toBeUndefined();
  });

  const BAD: Array<[string, () => Response]> = [
    ['200 {}', json(200, '{}')],
    ['200 null', json(200, 'null')],
    ['200 empty', () => new Response('', { status: 200 })],
    ['200 true', json(200, 'true')],
    ['200 {"moved":"all"}', json(200, '{"moved":"all"}')],
    [
      '200 HTML',
      () =>
        new Response('<!DOCTYPE html><html><body>Login</body></html>', {
          status: 200,
          headers: { 'Content-Type': 'text/html' },
        }),
    ],
  ];
  for (const [name, call] of Object.entries(CALLS)) {
    it.each(BAD)(`${name}: %s is a malformed reply`, async (_label, response) => {
      const error = await call(apiAnswering(response)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isApiError(error)).toBe(true);
      expect((error as { kind: string }).kind).toBe('malformed');
    });
  }
});
