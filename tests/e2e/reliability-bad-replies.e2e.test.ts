import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { configureExtension, swCycle } from '../reliability/browser-soak';
import { soakSettings, ADMIN } from '../reliability/soak';
import { dealsOfOrder } from '../reliability/pairs';

/**
 * Bad replies through the real service worker: the feeds answer with broken JSON and an HTML
 * error page for a while. The worker keeps running, the popup's status says what is wrong in
 * words, and once Webasyst answers properly again the changes made meanwhile all arrive.
 * (Every method and variant is covered at unit level: tests/unit/reliability.)
 */
let sim: Sim;
let h: Harness;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  h = await launchExtension(sim);
  await configureExtension(h, soakSettings());
  await swCycle(h);
}, 120_000);

afterAll(async () => {
  await h?.close();
  await sim?.close();
});

describe('bad replies through the service worker', () => {
  it('are reported in words, crash nothing, and lose no change', async () => {
    sim.state.closeDeal(6, 'WON', ADMIN, { force: true }); // → order 1 "complete"
    const newOrder = sim.state.addOrder({
      contactId: 3,
      items: [{ skuId: sim.state.catalog[0].skuId, quantity: 1 }],
      storefront: '',
      actorId: ADMIN,
    }).id;

    const errors: string[] = [];
    for (const [apiMethod, kind] of [
      ['crm.history', 'malformed'],
      ['shop.order.search', 'html'],
    ] as const) {
      const id = sim.faults.add({ match: { apiMethod }, kind });
      const reply = await swCycle(h);
      sim.faults.remove(id);
      expect(reply.status.connection).not.toBeNull();
      if (reply.status.lastError) errors.push(reply.status.lastError);
    }
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.length).toBeGreaterThan(10);
      expect(error).not.toMatch(/<html|<!DOCTYPE|\[object Object\]|SyntaxError|Unexpected token/i);
      expect(error).not.toContain(sim.token);
    }
    // Nothing happened yet, and nothing was lost: sound replies bring every change across.
    let status = await swCycle(h);
    for (let k = 0; k < 4 && (status.status.pendingCount > 0 || sim.state.getOrder(1)!.stateId !== 'completed'); k++)
      status = await swCycle(h);
    expect(sim.state.getOrder(1)!.stateId).toBe('completed');
    expect(dealsOfOrder(sim, newOrder)).toHaveLength(1);
    expect(status.status.lastError).toBeNull();
    expect(status.pending).toEqual([]);
  }, 120_000);
});
