// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { ConnectionSection } from '@/components/connection/ConnectionSection';
import { createConnectionModel, type ConnectionDeps } from '@/components/connection/model';
import { MessageError } from '@/utils/messaging/client';
import type { ConnectionView } from '@/utils/messaging/models';
import { setLanguage } from '@/utils/i18n';

const VIEW: ConnectionView = {
  baseUrl: 'http://127.0.0.1:8080/',
  userName: 'Admin <b>Tester</b>',
  userpicUrl: 'http://127.0.0.1:8080/wa-content/img/userpic.svg',
  installationName: 'Test Store',
  apps: [
    { id: 'shop', version: '12.4.0', ok: true, problem: null },
    { id: 'crm', version: null, ok: false, problem: 'CRM’s licence on this Webasyst is not active.' },
  ],
  health: 'ok',
  lastContactAt: null,
  lastError: null,
};

function deps(overrides: Partial<Record<string, (payload: unknown) => unknown>> = {}) {
  const order: string[] = [];
  const handlers: Record<string, (payload: unknown) => unknown> = {
    'connection.get': () => null,
    'connection.authorize': () => VIEW,
    'connection.useToken': () => VIEW,
    ...overrides,
  };
  const d: ConnectionDeps = {
    send: vi.fn(async (type: string, payload: unknown) => {
      order.push(type);
      const handler = handlers[type];
      if (!handler) throw new Error(`unexpected ${type}`);
      return handler(payload);
    }) as unknown as ConnectionDeps['send'],
    requestOrigins: vi.fn((origins: string[]) => {
      order.push(`permission:${origins.join(',')}`);
      return Promise.resolve(true);
    }),
  };
  return { deps: d, order };
}

async function flush() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

async function mount(d: ConnectionDeps) {
  const root = document.createElement('div');
  document.body.append(root);
  const model = createConnectionModel(d);
  await act(() => render(<ConnectionSection model={model} />, root));
  await flush();
  return { root, model, q: (hook: string) => root.querySelector<HTMLElement>(`[data-dealbridge="${hook}"]`) };
}

async function type(input: HTMLElement | null, value: string) {
  const el = input as HTMLInputElement;
  await act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('connection section', () => {
  it('asks for the site permission inside the click, before talking to the background', async () => {
    setLanguage('en');
    const { deps: d, order } = deps();
    const { q } = await mount(d);
    await type(q('connect-url'), 'http://127.0.0.1:8080/webasyst/shop/');
    await act(() => q('connect')!.click());
    // The request happened synchronously during the click.
    expect(order.slice(-1)[0]).toBe('permission:http://127.0.0.1/*');
    await flush();
    expect(order.slice(-1)[0]).toBe('connection.authorize');
    expect(q('connection-status')!.textContent).toBe('Admin <b>Tester</b>');
    expect(q('connection-status')!.querySelector('b')).toBeNull();
    expect(q('connection-apps')!.textContent).toContain('12.4.0');
    expect(q('connection-apps')!.textContent).toContain('licence');
  });

  it('a refused permission says so and sends nothing', async () => {
    const { deps: d, order } = deps();
    d.requestOrigins = vi.fn(() => Promise.resolve(false));
    const { q } = await mount(d);
    await type(q('connect-url'), 'shop.example.com');
    await act(() => q('connect')!.click());
    await flush();
    expect(order).toEqual(['connection.get']);
    expect(q('connection-error')!.dataset.code).toBe('permission_denied');
  });

  it('a bad address is refused in the page, with no permission prompt', async () => {
    const { deps: d } = deps();
    const { q } = await mount(d);
    await type(q('connect-url'), 'not an address');
    await act(() => q('connect')!.click());
    expect(d.requestOrigins).not.toHaveBeenCalled();
    expect(q('connection-error')!.dataset.code).toBe('address_invalid');
  });

  it('a failed connect shows the headline and what was found, and keeps the form', async () => {
    setLanguage('ru');
    const { deps: d } = deps({
      'connection.useToken': () => {
        throw new MessageError(
          'not_webasyst',
          'No Webasyst found at this address: http://127.0.0.1:9/api.php answered with an HTML page (HTTP 404).',
        );
      },
    });
    const { q } = await mount(d);
    await type(q('connect-url'), 'http://127.0.0.1:9/');
    await type(q('connect-token'), 'abc');
    await act(() => q('connect-token-submit')!.click());
    await flush();
    const error = q('connection-error')!;
    expect(error.textContent).toContain('По этому адресу нет Webasyst');
    expect(error.textContent).toContain('HTML page (HTTP 404)');
    expect((q('connect-url') as HTMLInputElement).value).toBe('http://127.0.0.1:9/');
    expect((q('connect-token') as HTMLInputElement).value).toBe('abc');
    setLanguage(null);
  });

  it('a connection whose token was revoked offers to connect again', async () => {
    setLanguage('en');
    const { deps: d } = deps({ 'connection.get': () => ({ ...VIEW, health: 'auth_error', lastError: 'x' }) });
    const { q } = await mount(d);
    expect(q('connection-health')!.textContent).toContain('no longer accepts');
    expect(q('connect')).not.toBeNull();
  });

  it('a userpic that does not load gives way to the user’s initials; no userpic at all shows them too', async () => {
    setLanguage('en');
    const { deps: d } = deps({
      'connection.get': () => ({
        ...VIEW,
        userName: 'Olga Petrova',
        userpicUrl: 'https://shop.example.com/wa-data/public/contacts/photos/broken.jpg',
      }),
    });
    const { q } = await mount(d);
    const img = q('userpic') as HTMLImageElement;
    expect(img).not.toBeNull();
    await act(() => {
      img.dispatchEvent(new Event('error'));
    });
    expect(q('userpic')).toBeNull();
    expect(q('userpic-initials')!.textContent).toBe('OP');
    const { deps: none } = deps({ 'connection.get': () => ({ ...VIEW, userName: 'Admin Tester', userpicUrl: null }) });
    const second = await mount(none);
    expect(second.q('userpic-initials')!.textContent).toBe('AT');
  });

  it('disconnect asks first, then reports whether the token was revoked', async () => {
    setLanguage('en');
    const { deps: d, order } = deps({
      'connection.get': () => VIEW,
      'connection.disconnect': () => ({ revoked: true }),
    });
    const { q } = await mount(d);
    await act(() => q('disconnect')!.click());
    expect(order).not.toContain('connection.disconnect');
    await act(() => q('disconnect-confirm')!.click());
    await flush();
    expect(order).toContain('connection.disconnect');
    expect(q('connection-notice')!.textContent).toContain('revoked');
    expect(q('connection-status')).toBeNull();
    expect(q('connect-url')).not.toBeNull();
  });
});
