import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dropCachedApi, getApi, getConnectionView, requireApi } from '@/utils/connection/current';
import { clearConnection, readConnection, writeConnection, type StoredConnection } from '@/utils/connection/store';
import { onConnectionChanged } from '@/utils/connection/events';

const TOKEN = 'f'.repeat(32);
const CONNECTION: StoredConnection = {
  baseUrl: 'https://shop.example.com/',
  token: TOKEN,
  tokenInQuery: false,
  via: 'consent',
  connectedAt: 1,
  user: { id: 1, name: 'Admin', userpicUrl: null },
  installationName: 'Store',
  apps: [{ id: 'crm', version: null, ok: true, problemKind: null, problem: null }],
  health: 'ok',
  lastContactAt: null,
  lastError: null,
};

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition not reached');
}

describe('the current connection', () => {
  let status = 200;
  let seen: string[] = [];
  beforeEach(async () => {
    dropCachedApi();
    await clearConnection();
    seen = [];
    status = 200;
    vi.stubGlobal('fetch', async (url: string) => {
      seen.push(url);
      return status === 200
        ? new Response(JSON.stringify({ id: 1, name: 'Admin', userpic: null }), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          })
        : new Response(JSON.stringify({ error: status === 401 ? 'invalid_token' : 'access_denied' }), {
            status,
            headers: { 'Content-Type': 'application/json' },
          });
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('no connection: getApi is null, requireApi refuses with not_connected, the view is null', async () => {
    expect(await getApi()).toBeNull();
    await expect(requireApi()).rejects.toMatchObject({ code: 'not_connected' });
    expect(await getConnectionView()).toBeNull();
  });

  it('binds the stored address and token, and reuses one client', async () => {
    await writeConnection(CONNECTION);
    const api = (await getApi())!;
    expect(await getApi()).toBe(api);
    await api.crmUserMe();
    expect(seen).toEqual(['https://shop.example.com/api.php/crm.user.me']);
    expect(api.requestCount).toBe(1);
  });

  it('a revoked token turns the health to auth_error, and the next good answer back to ok', async () => {
    await writeConnection(CONNECTION);
    const changes: string[] = [];
    const stop = onConnectionChanged((c) => void changes.push(c.type));
    const api = (await getApi())!;
    status = 401;
    await expect(api.crmUserMe()).rejects.toMatchObject({ kind: 'auth' });
    const broken = await until(readConnection, (c) => c?.health === 'auth_error');
    expect(broken!.lastError).toMatch(/no longer accepts/);
    expect((await getConnectionView())!.health).toBe('auth_error');
    status = 200;
    await api.crmUserMe();
    await until(readConnection, (c) => c?.health === 'ok');
    expect(changes).toEqual(['health', 'health']);
    stop();
  });

  it('missing rights for one method do not mark the connection as broken', async () => {
    await writeConnection(CONNECTION);
    const api = (await getApi())!;
    status = 403;
    await expect(api.crmUserMe()).rejects.toMatchObject({ kind: 'permission' });
    await new Promise((r) => setTimeout(r, 20));
    expect((await readConnection())!.health).toBe('ok');
  });

  it('a userpic stored from another host is not shown; one from the installation is', async () => {
    await writeConnection({
      ...CONNECTION,
      user: { ...CONNECTION.user, userpicUrl: 'https://www.gravatar.com/avatar/0123?d=mm' },
    });
    expect((await getConnectionView())!.userpicUrl).toBeNull();
    const own = new URL('wa-data/public/contacts/photos/01/00/1/1.96x96.jpg', CONNECTION.baseUrl).toString();
    await writeConnection({ ...CONNECTION, user: { ...CONNECTION.user, userpicUrl: own } });
    expect((await getConnectionView())!.userpicUrl).toBe(own);
  });

  it('the view never carries the token', async () => {
    await writeConnection(CONNECTION);
    expect(JSON.stringify(await getConnectionView())).not.toContain(TOKEN);
  });
});
