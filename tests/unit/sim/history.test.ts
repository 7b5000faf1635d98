// crm.history paging as the real crmLogModel does it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../../sim/server';
import { callApi } from './api-client';

type Log = { count: number; log: { id: number; action: string | null }[] };

describe('crm.history', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 'empty' });
    for (let i = 0; i < 40; i++) sim.state.addDeal({ name: `D${i}`, stageId: 1, contactId: 1 }, 1);
  });
  afterAll(() => sim.close());
  const history = async (query: Record<string, string | number | string[]>) =>
    (await callApi(sim, 'crm.history', { query })).body as Log;

  it('answers the newest rows above min_id, so a reader pages down with max_id', async () => {
    const first = await history({ 'filters[]': ['deals'], min_id: 5, limit: 10 });
    expect(first.log.map((e) => e.id)).toEqual([40, 39, 38, 37, 36, 35, 34, 33, 32, 31]);
    expect(first.count).toBe(35);
    const next = await history({ 'filters[]': ['deals'], min_id: 5, max_id: 31, limit: 10 });
    expect(next.log[0].id).toBe(30);
    const last = await history({ 'filters[]': ['deals'], min_id: 5, max_id: 11, limit: 10 });
    expect(last.log.map((e) => e.id)).toEqual([10, 9, 8, 7, 6]);
    expect(last.count).toBe(5);
  });

  it('falls back to 30 rows for a limit outside 1..500', async () => {
    expect((await history({ limit: 1000 })).log).toHaveLength(30);
    expect((await history({ limit: 0 })).log).toHaveLength(30);
    expect((await history({ limit: 500 })).log).toHaveLength(40);
  });

  it('hides deal_order_* rows and shows stage changes with stage_before/after', async () => {
    const deal = sim.state.addDeal({ name: 'Moving', stageId: 1, contactId: 1 }, 1);
    sim.state.history.add({
      createdAt: 0,
      actorId: 1,
      action: 'deal_order_process',
      objectType: 'DEAL',
      objectId: deal.id,
      dealId: deal.id,
      contactId: 1,
      before: null,
      after: null,
    });
    await callApi(sim, 'crm.deal.move', { query: { id: deal.id }, json: { stage_id: 2 } });
    const feed = await history({ min_id: 40 });
    expect(feed.log.map((e) => e.action)).toEqual(['deal_step', 'deal_add']);
    const step = feed.log[0] as unknown as Record<string, unknown>;
    expect(step.stage_before).toEqual({ id: 1, name: 'Lead In', color: '#DCEDCF' });
    expect(step.stage_after).toEqual({ id: 2, name: 'Needs Defining', color: '#BFDFA7' });
    expect('before' in step).toBe(false);
  });

  it('a deal timeline omits deal_add and ends with the synthetic "added deal" row', async () => {
    const deal = sim.state.addDeal({ name: 'Timeline', stageId: 1, contactId: 1 }, 1);
    sim.state.closeDeal(deal.id, 'WON', 1);
    const t = await history({ deal_id: deal.id });
    expect(t.log.map((e) => [e.id === 0 ? 0 : 'n', e.action])).toEqual([
      ['n', 'deal_won'],
      [0, null],
    ]);
  });
});
