import { describe, expect, it } from 'vitest';
import { verifyToken } from '@/utils/connection/verify';

const BASE = 'https://shop.example.com/';
const TOKEN = 'b'.repeat(32);
const ME = { id: 1, name: 'Admin Tester', userpic: 'https://shop.example.com/wa-content/img/userpic.svg' };
const SETTINGS = {
  version: '12.4.0',
  settings: { name: 'Test Store', order_format: '#100{$order.id}' },
  order_states: [],
  user_info: { id: 1, name: 'Admin Tester', photo: '/wa-content/img/userpic.svg' },
};

type Answer = { status: number; body: unknown };

function fetchFor(
  answers: Record<string, Answer | ((url: URL, headers: Record<string, string>) => Answer)>,
): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = url.pathname.split('/').pop()!;
    const entry = answers[method];
    const answer = typeof entry === 'function' ? entry(url, (init?.headers ?? {}) as Record<string, string>) : entry;
    if (!answer) return new Response('{"error":"invalid_method"}', { status: 404 });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as typeof fetch;
}

describe('verifyToken', () => {
  it('who, which installation, which apps with versions', async () => {
    const verified = await verifyToken(BASE, TOKEN, {
      fetch: fetchFor({
        'crm.user.me': { status: 200, body: ME },
        'shop.settings.get': { status: 200, body: SETTINGS },
      }),
    });
    expect(verified).toMatchObject({
      baseUrl: BASE,
      tokenInQuery: false,
      user: { id: 1, name: 'Admin Tester', userpicUrl: ME.userpic },
      installationName: 'Test Store',
      apps: [
        { id: 'shop', ok: true, version: '12.4.0' },
        { id: 'crm', ok: true },
      ],
    });
  });

  it('a userpic from another host (e.g. Gravatar) is dropped: Dealbridge loads nothing from elsewhere', async () => {
    const gravatar = { ...ME, userpic: 'https://www.gravatar.com/avatar/0123456789abcdef?d=mm' };
    const verified = await verifyToken(BASE, TOKEN, {
      fetch: fetchFor({
        'crm.user.me': { status: 200, body: gravatar },
        'shop.settings.get': { status: 200, body: SETTINGS },
      }),
    });
    expect(verified.user).toEqual({ id: 1, name: 'Admin Tester', userpicUrl: null });
    const otherScheme = { ...ME, userpic: 'http://shop.example.com/wa-content/img/userpic.svg' };
    const plain = await verifyToken(BASE, TOKEN, {
      fetch: fetchFor({
        'crm.user.me': { status: 200, body: otherScheme },
        'shop.settings.get': { status: 200, body: SETTINGS },
      }),
    });
    expect(plain.user.userpicUrl).toBeNull();
  });

  it('a CRM licence block (402) and missing Shop rights (403) are explained per app', async () => {
    const licence = await verifyToken(BASE, TOKEN, {
      fetch: fetchFor({
        'crm.user.me': { status: 402, body: { error: 'payment_required' } },
        'shop.settings.get': { status: 200, body: SETTINGS },
      }),
    });
    expect(licence.apps[1]).toMatchObject({ id: 'crm', ok: false, problemKind: 'licence' });
    expect(licence.apps[1].problem).toMatch(/CRM’s licence .* not active/);
    // Without CRM, the user comes from Shop (its userpic path is made absolute).
    expect(licence.user.userpicUrl).toBe('https://shop.example.com/wa-content/img/userpic.svg');

    const rights = await verifyToken(BASE, TOKEN, {
      fetch: fetchFor({
        'crm.user.me': { status: 200, body: ME },
        'shop.settings.get': { status: 403, body: { error: 'access_denied' } },
      }),
    });
    expect(rights.apps[0]).toMatchObject({ id: 'shop', ok: false, problemKind: 'permission' });
    expect(rights.apps[0].problem).toMatch(/no access to Shop-Script/);
  });

  it('a refused token fails as token_invalid; no usable app fails as no_apps', async () => {
    await expect(
      verifyToken(BASE, TOKEN, {
        fetch: fetchFor({
          'crm.user.me': { status: 401, body: { error: 'invalid_token' } },
          'shop.settings.get': { status: 401, body: { error: 'invalid_token' } },
        }),
      }),
    ).rejects.toMatchObject({ problem: 'token_invalid' });
    await expect(
      verifyToken(BASE, TOKEN, {
        fetch: fetchFor({
          'crm.user.me': { status: 403, body: { error: 'access_denied' } },
          'shop.settings.get': { status: 402, body: { error: 'payment_required' } },
        }),
      }),
    ).rejects.toMatchObject({ problem: 'no_apps' });
  });

  it('a host that drops the Authorization header is found out and remembered for the connection', async () => {
    const viaQuery = (body: unknown) => (url: URL) =>
      url.searchParams.get('access_token') === TOKEN
        ? { status: 200, body }
        : { status: 400, body: { error: 'token_required' } };
    const verified = await verifyToken(BASE, TOKEN, {
      fetch: fetchFor({ 'crm.user.me': viaQuery(ME), 'shop.settings.get': viaQuery(SETTINGS) }),
    });
    expect(verified.tokenInQuery).toBe(true);
    expect(verified.apps.every((a) => a.ok)).toBe(true);
  });
});
