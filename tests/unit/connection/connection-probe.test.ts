import { describe, expect, it } from 'vitest';
import { locateInstallation } from '@/utils/connection/probe';
import { ConnectError } from '@/utils/connection/errors';

type Route = (url: URL, init: RequestInit) => Response | Promise<Response>;

function fetchFrom(route: Route): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) =>
    route(new URL(String(input)), init ?? {})) as typeof fetch;
}

const webasyst = () =>
  new Response(JSON.stringify({ error: 'token_required', error_description: 'Access token is missing' }), {
    status: 400,
    headers: { 'Content-Type': 'application/json' },
  });

function redirected(response: Response, finalUrl: string): Response {
  Object.defineProperty(response, 'redirected', { value: true });
  Object.defineProperty(response, 'url', { value: finalUrl });
  return response;
}

async function problemOf(promise: Promise<unknown>): Promise<ConnectError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectError);
    return error as ConnectError;
  }
  throw new Error('expected a failure');
}

describe('locateInstallation', () => {
  it('finds the root whose api.php answers like Webasyst', async () => {
    const fetch = fetchFrom((url) =>
      url.pathname === '/wa/api.php/webasyst.getInfo'
        ? webasyst()
        : new Response('<html><title>Not Found</title></html>', {
            status: 404,
            headers: { 'Content-Type': 'text/html' },
          }),
    );
    expect(await locateInstallation(['https://example.com/', 'https://example.com/wa/'], { fetch })).toBe(
      'https://example.com/wa/',
    );
  });

  it('follows an http → https redirect once and keeps the https root', async () => {
    const fetch = fetchFrom((url) => redirected(webasyst(), `https://${url.host}${url.pathname}`));
    expect(await locateInstallation(['http://shop.example.com/'], { fetch })).toBe('https://shop.example.com/');
  });

  it('a redirect to another host asks for that address instead', async () => {
    const fetch = fetchFrom(() => redirected(webasyst(), 'https://www.shop.example.com/api.php/webasyst.getInfo'));
    const error = await problemOf(locateInstallation(['https://shop.example.com/'], { fetch }));
    expect(error.problem).toBe('redirected_elsewhere');
    expect(error.message).toContain('https://www.shop.example.com/');
  });

  it('says what it found instead of Webasyst: an HTML page with its title', async () => {
    const fetch = fetchFrom(
      () =>
        new Response('<!doctype html><html><head><title>My Blog</title></head></html>', {
          status: 200,
          headers: { 'Content-Type': 'text/html' },
        }),
    );
    const error = await problemOf(locateInstallation(['https://blog.example.com/'], { fetch }));
    expect(error.problem).toBe('not_webasyst');
    expect(error.message).toContain('HTML page (HTTP 200, “My Blog”)');
  });

  it('JSON that is not Webasyst’s is named as such', async () => {
    const fetch = fetchFrom(
      () => new Response('{"status":"ok"}', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    expect((await problemOf(locateInstallation(['https://api.example.com/'], { fetch }))).message).toContain(
      'JSON that is not from Webasyst',
    );
  });

  it('nobody answering is "unreachable"', async () => {
    const fetch = fetchFrom(() => Promise.reject(new TypeError('Failed to fetch')));
    expect((await problemOf(locateInstallation(['https://nowhere.example.com/'], { fetch }))).problem).toBe(
      'unreachable',
    );
  });

  it('endless redirects are recognised as a redirect loop', async () => {
    const fetch = fetchFrom((_url, init) =>
      init.redirect === 'manual'
        ? new Response(null, { status: 302, headers: { Location: '/again' } })
        : Promise.reject(new TypeError('Failed to fetch')),
    );
    const error = await problemOf(locateInstallation(['https://loop.example.com/'], { fetch }));
    expect(error.problem).toBe('redirect_loop');
    expect(error.message).toMatch(/redirect loop/);
  });

  it('a Webasyst with its API switched off says so', async () => {
    const fetch = fetchFrom(
      () =>
        new Response('{"error":"disabled","error_description":"API disabled"}', {
          status: 404,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    expect((await problemOf(locateInstallation(['https://shop.example.com/'], { fetch }))).problem).toBe(
      'api_disabled',
    );
  });
});
