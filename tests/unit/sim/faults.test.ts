// Fault injection and the request log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../../sim/server';
import { callApi } from './api-client';

describe('faults and request log', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.faults.clear();
    sim.log.clear();
  });

  it('answers 5xx, 401, 429 with Retry-After, malformed JSON and HTML pages', async () => {
    sim.faults.add({ match: { apiMethod: 'crm.user.me' }, kind: 'status5xx', status: 503, times: 1 });
    expect((await callApi(sim, 'crm.user.me')).status).toBe(503);
    expect((await callApi(sim, 'crm.user.me')).status).toBe(200); // times: 1 used up
    sim.faults.add({ match: { apiMethod: 'crm.user.me' }, kind: 'unauthorized', times: 1 });
    expect((await callApi(sim, 'crm.user.me')).body).toEqual({
      error: 'invalid_token',
      error_description: 'Invalid access token',
    });
    sim.faults.add({ match: { apiMethod: 'crm.user.me' }, kind: 'rateLimited', retryAfter: 7, times: 1 });
    const limited = await callApi(sim, 'crm.user.me');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    sim.faults.add({ match: { apiMethod: 'crm.user.me' }, kind: 'malformed', times: 1 });
    const broken = await callApi(sim, 'crm.user.me');
    expect([broken.status, broken.body]).toEqual([200, undefined]);
    sim.faults.add({ match: { path: '/api.php' }, kind: 'html', times: 1 });
    const html = await callApi(sim, 'crm.user.me');
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.text).toContain('502 Bad Gateway');
  });

  it('delays with latency and matches only the given verb', async () => {
    sim.faults.add({ match: { httpMethod: 'POST' }, kind: 'latency', ms: 150 });
    await callApi(sim, 'crm.user.me');
    const t1 = Date.now();
    await callApi(sim, 'shop.order.action', { form: { id: 1, action: 'comment', text: 'slow' } });
    expect(Date.now() - t1).toBeGreaterThanOrEqual(140);
    expect(sim.faults.list()).toHaveLength(1); // unlimited rule stays
  });

  it('resets and hangs connections', async () => {
    sim.faults.add({ match: { apiMethod: 'crm.user.me' }, kind: 'reset', times: 1 });
    await expect(callApi(sim, 'crm.user.me')).rejects.toThrow();
    sim.faults.add({ match: { apiMethod: 'crm.user.me' }, kind: 'hang', times: 1 });
    await expect(
      fetch(new URL(`api.php/crm.user.me?access_token=${sim.token}`, sim.url), { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(sim.log.entries().map((e) => e.status)).toEqual([0, 0]);
  });

  it('appliedThen500 performs the write, then fails; the log proves it ran once', async () => {
    sim.faults.add({ match: { apiMethod: 'shop.order.action' }, kind: 'appliedThen500', times: 1 });
    const res = await callApi(sim, 'shop.order.action', { form: { id: 2, action: 'pay' } });
    expect(res.status).toBe(500);
    expect(sim.state.getOrder(2)!.stateId).toBe('paid');
    expect(sim.log.count({ effect: 'order_action:2:pay' })).toBe(1);
    expect(sim.log.entries()[0]).toMatchObject({
      apiMethod: 'shop.order.action',
      status: 500,
      effects: ['order_action:2:pay'],
      actorId: 1,
    });
  });

  it('records who called and whether the request came from an extension', async () => {
    await callApi(sim, 'crm.user.me', { headers: { Origin: 'chrome-extension://abcdefghijklmnop' } });
    await callApi(sim, 'crm.user.me', { headers: { Origin: 'moz-extension://1234' } });
    await callApi(sim, 'crm.user.me');
    expect(sim.log.entries().map((e) => e.userAgentIsExtension)).toEqual([true, true, false]);
    expect(sim.log.count({ apiMethod: 'crm.user.me', userAgentIsExtension: true })).toBe(2);
    expect(sim.log.entries()[0]).toMatchObject({
      httpMethod: 'GET',
      path: '/api.php/crm.user.me',
      status: 200,
      actorId: 1,
    });
  });

  it('is reachable over HTTP for out-of-process users', async () => {
    const post = await fetch(new URL('__sim/faults', sim.url), {
      method: 'POST',
      body: JSON.stringify({ match: { pathRegex: '^/api\\.php/crm\\.' }, kind: 'status5xx', times: 1 }),
    });
    expect((await post.json()).id).toBeGreaterThan(0);
    expect((await callApi(sim, 'crm.user.me')).status).toBe(500);
    const log = await (await fetch(new URL('__sim/log', sim.url))).json();
    expect(log.entries).toHaveLength(1);
    await fetch(new URL('__sim/log', sim.url), { method: 'DELETE' });
    expect(sim.log.entries()).toHaveLength(0);
  });
});
