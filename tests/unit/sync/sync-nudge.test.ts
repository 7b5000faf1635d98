import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, startedFixture, type SyncFixture } from './sync-fixture';

let fx: SyncFixture;
afterEach(async () => {
  await fx?.close();
});

const methods = (fx: SyncFixture) => fx.sim.log.entries().map((e) => e.apiMethod);

describe('nudges: the object the user just changed, read directly', () => {
  it('an order nudge reads that order, not the feeds, and moves its deal', async () => {
    fx = await startedFixture();
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    fx.sim.log.clear();
    await fx.engine().nudge('order', 1);
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
    expect(methods(fx)).not.toContain('crm.history');
    expect(methods(fx).filter((m) => m === 'shop.order.search')).toHaveLength(1); // the order itself, by id
    // Besides what the ports cache for minutes (who we are, funnels, states): the order, its
    // deal, the move. Its log is not read: processing → shipped tells that "Sent" ran.
    const CACHED = ['crm.user.me', 'crm.funnel.list', 'shop.settings.get'];
    expect(methods(fx).filter((m) => !CACHED.includes(m!))).toEqual([
      'shop.order.search',
      'crm.deal.info',
      'crm.deal.move',
    ]);
    // The cycle that follows sees the same change and finds it done.
    fx.sim.log.clear();
    await fx.engine().request();
    expect(fx.effects()).toEqual([]);
  });

  it('a deal nudge reads that deal’s history and runs the mapped order action', async () => {
    fx = await startedFixture();
    const { id } = fx.sim.state.createDealFromBackend(7, { dealId: 'new', stageId: 1 }, ADMIN_ID);
    await fx.engine().request();
    fx.sim.state.moveDeal(Number(id), 2, ADMIN_ID, { force: true });
    fx.sim.log.clear();
    await fx.engine().nudge('deal', Number(id));
    expect(fx.sim.state.getOrder(7)!.stateId).toBe('processing');
    expect(fx.sim.log.entries().filter((e) => e.apiMethod === 'shop.order.search')).toHaveLength(0);
    expect(fx.effects()).toEqual(['order_action:7:process']);
  });

  it('does nothing while paused, or where this browser does not run the automatic sync', async () => {
    fx = await startedFixture();
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    fx.setSettings((s) => ({ ...s, sync: { ...s.sync, paused: true } }));
    expect(await fx.engine().nudge('order', 1)).toBe('paused');
    expect(await fx.engine().request()).toBe('paused');
    fx.setSettings((s) => ({ ...s, sync: { ...s.sync, paused: false, runsAutomaticSync: false } }));
    await fx.engine().nudge('order', 1);
    await fx.engine().request();
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(3);
    fx.setSettings((s) => ({ ...s, sync: { ...s.sync, runsAutomaticSync: true } }));
    await fx.engine().request();
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
  });
});
