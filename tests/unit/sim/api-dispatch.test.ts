// api.php transport: URL forms, tokens, scopes, verbs, JSONP, token exchange.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../../sim/server';
import { callApi } from './api-client';

describe('api.php transport', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  const get = (path: string, init?: RequestInit) => fetch(new URL(path, sim.url), init);

  it('accepts the three URL forms and every way of passing the token', async () => {
    for (const path of [
      `api.php/shop.order.getInfo?id=1&access_token=${sim.token}`,
      `api.php/shop/order.getInfo?id=1&access_token=${sim.token}`,
      `api.php?app=shop&method=order.getInfo&id=1&access_token=${sim.token}`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect((await res.json()).id).toBe('1');
    }
    const bearer = await get('api.php/crm.user.me', { headers: { Authorization: `Bearer ${sim.token}` } });
    expect(bearer.status).toBe(200);
    const field = await get('api.php/shop.order.action', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `access_token=${sim.token}&id=7&action=process`,
    });
    expect(field.status).toBe(200);
  });

  it('rejects a malformed URL and an unknown app', async () => {
    const res = await get(`api.php/shop/order/getInfo?access_token=${sim.token}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('invalid_request');
    const app = await callApi(sim, 'blog.post.search');
    expect(app.status).toBe(400);
    expect(app.body).toEqual({
      error: 'app_not_installed',
      app: 'blog',
      error_description: 'App is not installed (blog)',
    });
  });

  it('answers 403 without a description when the app is outside the token scope or the user rights', async () => {
    const crmOnly = sim.state.issueToken(1, 'crm-only', ['crm']);
    const res = await callApi(sim, 'shop.order.search', { token: crmOnly });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'access_denied' });
    const customerToken = sim.state.issueToken(2, 'x', ['shop', 'crm']);
    expect((await callApi(sim, 'crm.user.me', { token: customerToken })).status).toBe(403);
  });

  it('re-issuing for the same user and client returns the same token with the new scope', () => {
    const a = sim.state.issueToken(1, 'Dealbridge', ['shop', 'crm']);
    const b = sim.state.issueToken(1, 'Dealbridge', ['crm']);
    expect(b).toBe(a);
    expect(sim.state.auth.tokens.get(a)!.scope).toEqual(['crm']);
  });

  it('JSONP forces 200 even for errors', async () => {
    const res = await get(`api.php/shop.order.getInfo?id=987654&callback=cb&access_token=${sim.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(await res.text()).toBe('cb({"error":"invalid_param","error_description":"Order not found."});');
  });

  it('shop methods ignore JSON bodies; CRM writes read them', async () => {
    const shop = await callApi(sim, 'shop.order.action', { json: { id: 2, action: 'pay' } });
    expect(shop.status).toBe(400);
    expect(shop.body).toEqual({ error: 'invalid_param', error_description: 'Required parameter is missing: id' });
    const crm = await callApi(sim, 'crm.deal.add', {
      json: { name: 'From JSON', stage_id: 1, contact_id: 2, external_id: 'shop:3' },
    });
    expect(crm.status).toBe(201);
    expect(typeof crm.body).toBe('number');
    expect(sim.state.getDeal(crm.body as number)!.externalId).toBeNull();
  });

  it('validates crm.deal.add like the real method', async () => {
    const res = await callApi(sim, 'crm.deal.add', { json: { name: ' ', stage_id: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'required_parameter', error_description: 'Required parameter' });
    expect((res.body as { error_fields: { field: string }[] }).error_fields.map((f) => f.field)).toEqual([
      'name',
      'stage_id',
      'contact_id',
    ]);
    const bad = await callApi(sim, 'crm.deal.add', {
      json: { name: 'n', stage_id: 999, contact_id: 2, currency_id: 'XXX' },
    });
    expect(bad.body).toMatchObject({
      error: 'error_validate',
      error_fields: [{ field: 'stage_id' }, { field: 'currency_id' }],
    });
  });

  it('moves and closes with 204, reopen of an open deal is a 400 warning', async () => {
    expect((await callApi(sim, 'crm.deal.move', { query: { id: 1 }, json: { stage_id: 3 } })).status).toBe(204);
    expect(sim.state.getDeal(1)!.stageId).toBe(3);
    expect((await callApi(sim, 'crm.deal.close', { query: { id: 1 }, json: { status_id: 'won' } })).status).toBe(204);
    expect((await callApi(sim, 'crm.deal.reopen', { query: { id: 1 }, verb: 'POST' })).status).toBe(204);
    const again = await callApi(sim, 'crm.deal.reopen', { query: { id: 1 }, verb: 'POST' });
    expect(again.status).toBe(400);
    expect((again.body as { error: string }).error).toBe('warning');
  });

  it('exchanges an auth code once, with errors as HTTP 200, and revokes tokens', async () => {
    const code = sim.state.issueAuthCode(1, 'Dealbridge', ['shop', 'crm']);
    const post = (body: string) =>
      get('api.php/token', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
    const wrongGrant = await post(`code=${code}&client_id=Dealbridge&grant_type=password`);
    expect(wrongGrant.status).toBe(200);
    expect((await wrongGrant.json()).error).toBe('unsupported_grant_type');
    const ok = await post(`code=${code}&client_id=Dealbridge&grant_type=authorization_code`);
    const { access_token } = await ok.json();
    expect(access_token).toMatch(/^[0-9a-f]{32}$/);
    const reused = await post(`code=${code}&client_id=Dealbridge&grant_type=authorization_code`);
    expect((await reused.json()).error).toBe('invalid_grant');
    const revoke = await get(`api.php/revoke?access_token=${access_token}`);
    expect(await revoke.json()).toEqual({ access_token });
    expect((await callApi(sim, 'crm.user.me', { token: access_token })).status).toBe(401);
  });

  it('escapes names in search unless escape=0, always in getInfo', async () => {
    const escaped = await callApi(sim, 'shop.order.getInfo', { query: { id: 14 } });
    expect((escaped.body as { contact: { name: string } }).contact.name).toContain('&lt;img');
    sim.state.catalog.push({ productId: 9, skuId: 9, name: 'Mug <b>bold</b>', skuCode: 'B', price: 1 });
    const o = sim.state.addOrder({ contactId: 2, actorId: 1, items: [{ skuId: 9, quantity: 1 }] });
    const name = async (escapeParam?: string) =>
      (
        (
          await callApi(sim, 'shop.order.search', {
            query: { hash: `id/${o.id}`, ...(escapeParam ? { escape: escapeParam } : {}) },
          })
        ).body as {
          orders: { items: { name: string }[] }[];
        }
      ).orders[0].items[0].name;
    expect(await name()).toBe('Mug &lt;b&gt;bold&lt;/b&gt;');
    expect(await name('0')).toBe('Mug <b>bold</b>');
  });
});
