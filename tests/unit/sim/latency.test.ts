// Hosting latency: a round trip per request, a PHP host's four workers, effects in the worker.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../../sim/server';
import { DEFAULT_SERVER_MS, roundTripMs, SERVER_MS } from '../../../sim/latency';
import { callApi } from './api-client';

/** Waits (a few seconds at most) until the host counted this many requests served. */
async function servedAll(sim: Sim, count: number): Promise<void> {
  for (let i = 0; i < 100 && sim.hosting.stats().served < count; i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('hosting latency', () => {
  let sim: Sim | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it('varies a round trip by at most ±jitter around the latency', () => {
    expect(roundTripMs(100, 0.2, 0)).toBe(80);
    expect(roundTripMs(100, 0.2, 0.5)).toBe(100);
    for (let r = 0; r < 1; r += 0.01) {
      const trip = roundTripMs(100, 0.2, r);
      expect(trip).toBeGreaterThanOrEqual(80);
      expect(trip).toBeLessThan(120);
    }
    expect(roundTripMs(100, 0, 0.9)).toBe(100);
  });

  it('is off by default: requests are not held', async () => {
    sim = await startSimulator();
    expect(sim.hosting.latencyMs).toBe(0);
    await callApi(sim, 'crm.user.me');
    expect(sim.hosting.stats().served).toBe(0);
  });

  it('delays every request by at least the round trip and the method’s own server time', async () => {
    sim = await startSimulator({ latency: { latencyMs: 100, jitter: 0.2 } });
    const started = Date.now();
    const reply = await callApi(sim, 'shop.order.search', { query: { hash: 'id/1' } });
    expect(reply.status).toBe(200);
    // The fastest possible: 80 ms of round trip (−20 %) and the 10 ms a real search takes.
    expect(Date.now() - started).toBeGreaterThanOrEqual(80 + SERVER_MS['shop.order.search'] - 2);
    expect(sim.hosting.stats().served).toBe(1);
  });

  it('lets four requests in at once: the fifth waits for a worker', async () => {
    // Each holds its worker for 1.5 s, long enough that five sent together arrive together on a busy machine.
    sim = await startSimulator({ latency: { latencyMs: 2, jitter: 0, serverMs: 1500 } });
    await Promise.all(Array.from({ length: 5 }, () => callApi(sim!, 'crm.user.me')));
    // A reply can reach the client a moment before its worker is counted free.
    await servedAll(sim, 5);
    expect(sim.hosting.stats()).toMatchObject({ served: 5, maxWaiting: 1 });
    expect(sim.hosting.stats().waitedMs).toBeGreaterThan(0);
    sim.hosting.resetStats();
    sim.hosting.configure({ latencyMs: 2, jitter: 0, workers: 1, serverMs: 1000 });
    await Promise.all(Array.from({ length: 3 }, () => callApi(sim!, 'crm.user.me')));
    await servedAll(sim!, 3);
    expect(sim.hosting.stats()).toMatchObject({ served: 3, maxWaiting: 2 });
    // Without an override, each method takes what a running installation measured.
    sim.hosting.configure({ latencyMs: 2 });
    expect([sim.hosting.serverTimeOf('shop.order.actions'), sim.hosting.serverTimeOf('crm.funnel.list')]).toEqual([
      20,
      DEFAULT_SERVER_MS,
    ]);
  });

  it('applies a write in the worker, before its reply has travelled back', async () => {
    sim = await startSimulator({ latency: { latencyMs: 200, jitter: 0 } });
    let appliedAt = 0;
    sim.state.onEffect((effect) => {
      if (effect.startsWith('order_action:2:pay')) appliedAt = Date.now();
    });
    const reply = await callApi(sim, 'shop.order.action', { form: { id: 2, action: 'pay' } });
    const answeredAt = Date.now();
    expect(reply.status).toBe(200);
    expect(appliedAt).toBeGreaterThan(0);
    // The reply's way back is half the round trip.
    expect(answeredAt - appliedAt).toBeGreaterThanOrEqual(98);
    expect(sim.log.entries().find((e) => e.apiMethod === 'shop.order.action')?.effects).toEqual(['order_action:2:pay']);
  });

  it('is set at run time by the control endpoint, which itself is never held', async () => {
    sim = await startSimulator();
    const set = await fetch(new URL('__sim/hosting', sim.url), {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 30, workers: 2 }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(await set.json()).toEqual({ latencyMs: 30, jitter: 0.2, workers: 2, serverMs: null });
    const bad = await fetch(new URL('__sim/hosting', sim.url), {
      method: 'POST',
      body: JSON.stringify({ latencyMs: -1 }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    await callApi(sim, 'crm.user.me');
    const got = (await (await fetch(new URL('__sim/hosting', sim.url))).json()) as { stats: { served: number } };
    expect(got.stats.served).toBe(1);
  });
});
