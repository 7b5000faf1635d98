import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, startedFixture, syncFixture, type SyncFixture } from './sync-fixture';
import { listSyncItems } from '../../../utils/sync/items/items';
import { linkStore } from '../../../utils/db/links';

let fx: SyncFixture;
afterEach(async () => {
  await fx?.close();
});

const count = (effects: string[], prefix: string) => effects.filter((e) => e.startsWith(prefix)).length;

describe('sync engine against the simulated Webasyst', () => {
  it('an idle cycle costs two requests: one order search and one history read', async () => {
    fx = await startedFixture();
    await fx.engine().request();
    const methods = fx.sim.log.entries().map((e) => e.apiMethod);
    expect(methods.sort()).toEqual(['crm.history', 'shop.order.search']);
  });

  it('an idle cycle right after 20 orders changed in one second still costs two requests', async () => {
    fx = await startedFixture();
    const second = fx.sim.state.clock.now();
    for (let i = 0; i < 20; i++) {
      fx.sim.state.addOrder({
        contactId: 2,
        items: [{ skuId: 1, quantity: 1 }],
        storefront: '',
        actorId: ADMIN_ID,
        createdAt: second,
      });
    }
    await fx.engine().request();
    fx.sim.log.clear();
    await fx.engine().request();
    const methods = fx.sim.log.entries().map((e) => e.apiMethod);
    expect(methods.sort()).toEqual(['crm.history', 'shop.order.search']);
    // Nothing was missed: an order changed later, in that same second or after, is still seen.
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    await fx.engine().request();
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
  });

  it('an order action moves its linked deal forward once; the echo is not turned into an order action', async () => {
    fx = await startedFixture();
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID); // order 1 ↔ deal 6 (stage 3)
    await fx.engine().request();
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
    expect(fx.effects()).toEqual(['order_action:1:ship', 'deal_move:6:3->4']);
    expect(fx.activity.map((a) => [a.kind, a.outcome, a.to])).toEqual([['deal_moved', 'applied', 'Proposal Making']]);
    expect(fx.activity[0].rule).toContain('Sent → Proposal Making');
    fx.sim.log.clear();
    await fx.engine().request();
    // Besides who we are (read once, cached for minutes: the first echo of ours asks it), the feeds only.
    expect(
      fx.sim.log
        .entries()
        .map((e) => e.apiMethod)
        .filter((m) => m !== 'crm.user.me')
        .sort(),
    ).toEqual(['crm.history', 'shop.order.search']);
    expect(fx.effects()).toEqual([]);
  });

  it('does not move a deal backward unless the rule allows it', async () => {
    fx = await startedFixture();
    fx.sim.state.moveDeal(6, 5, ADMIN_ID, { force: true });
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    await fx.settle();
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(5);

    fx.setSettings((s) => ({
      ...s,
      mappings: [
        {
          funnelId: 1,
          rules: [
            { actionId: 'complete', target: { kind: 'stage', stageId: 4 }, direction: 'both', allowBackward: true },
          ],
        },
      ],
    }));
    fx.sim.state.runOrderAction(1, 'complete', ADMIN_ID);
    await fx.settle();
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
  });

  it('a deal moved where no rule acts (a stage without one, or backward) is not even read', async () => {
    fx = await startedFixture(); // deal 6 (order 1, processing) at stage 3
    const reads = () => fx.sim.log.count({ apiMethod: 'crm.deal.info' });
    fx.sim.state.moveDeal(6, 5, ADMIN_ID, { force: true }); // stage 5: no rule
    await fx.settle();
    expect(reads()).toBe(0);
    fx.sim.state.moveDeal(6, 4, ADMIN_ID, { force: true }); // backward from 5: not allowed
    await fx.settle();
    expect(reads()).toBe(0);
    expect(fx.effects()).toEqual(['deal_move:6:3->5', 'deal_move:6:5->4']);
    fx.sim.state.moveDeal(6, 2, ADMIN_ID, { force: true });
    fx.sim.state.moveDeal(6, 4, ADMIN_ID, { force: true }); // forward, to "Sent": read and followed
    await fx.settle();
    expect(reads()).toBe(1);
    expect(fx.sim.state.getOrder(1)!.stateId).toBe('shipped');
  });

  it('a won deal completes its order once (close rule), and the order change coming back does nothing', async () => {
    fx = await startedFixture();
    fx.setSettings((s) => ({ ...s, mappings: [] })); // only the close rules
    fx.sim.state.closeDeal(6, 'WON', ADMIN_ID, { force: true });
    await fx.settle();
    expect(fx.sim.state.getOrder(1)!.stateId).toBe('completed');
    expect(count(fx.effects(), 'order_action:1:complete')).toBe(1);
    expect(fx.sim.state.getDeal(6)!.statusId).toBe('WON');
    expect(fx.activity.filter((a) => a.outcome === 'applied').map((a) => a.kind)).toEqual(['order_action']);
  });

  it('a lost deal whose "delete" needs a form becomes a problem, which resolves once a person deletes the order', async () => {
    fx = await startedFixture();
    fx.sim.state.closeDeal(6, 'LOST', ADMIN_ID, { force: true });
    await fx.settle();
    const { problems } = await listSyncItems({ orderId: 1 });
    expect(problems).toHaveLength(1);
    expect(problems[0].problem).toMatch(/asks a person to run “Delete” on order #1001/);
    expect(problems[0].orderUrl).toBeNull(); // no base URL recorded outside the background
    expect(count(fx.effects(), 'order_action')).toBe(0);

    fx.sim.log.clear();
    fx.sim.state.runOrderAction(1, 'delete', ADMIN_ID);
    await fx.settle();
    expect(await listSyncItems({ orderId: 1 })).toEqual({ pending: [], problems: [] });
    expect(fx.effects()).toEqual(['order_action:1:delete']);
    expect(fx.activity.map((a) => a.kind)).toEqual(['problem', 'resolved']);
  });

  it('a stage whose action the order cannot run from its state is a problem naming the state', async () => {
    fx = await startedFixture();
    const { id } = fx.sim.state.createDealFromBackend(3, { dealId: 'new', stageId: 1 }, ADMIN_ID); // order 3 is paid
    fx.sim.state.moveDeal(Number(id), 2, ADMIN_ID, { force: true }); // stage 2 ↔ process
    await fx.settle();
    const { problems } = await listSyncItems({ orderId: 3 });
    expect(problems).toHaveLength(1);
    expect(problems[0].problem).toContain('“Paid”');
    expect(problems[0].effect).toContain('Process');
  });

  it('a deal moved to a stage mapped to an action without a form runs that action on the order', async () => {
    fx = await startedFixture();
    const { id } = fx.sim.state.createDealFromBackend(7, { dealId: 'new', stageId: 1 }, ADMIN_ID); // order 7 is new
    fx.sim.state.moveDeal(Number(id), 2, ADMIN_ID, { force: true });
    await fx.settle();
    expect(fx.sim.state.getOrder(7)!.stateId).toBe('processing');
    expect(count(fx.effects(), 'order_action:7:process')).toBe(1);
    expect(count(fx.effects(), 'deal_move')).toBe(1); // only the person's move
  });

  it('creates one linked deal for a new storefront order, and none on later cycles', async () => {
    fx = await startedFixture({
      settings: { autoCreate: [{ storefront: '', enabled: false, funnelId: 1, stageId: 1 }] },
    });
    fx.setSettings((s) => ({
      ...s,
      autoCreate: [
        {
          storefront: fx.sim.state.host,
          enabled: true,
          trigger: 'order_create',
          funnelId: 2,
          stageId: 6,
          ownerId: null,
        },
      ],
    }));
    const order = fx.sim.state.addOrder({ contactId: 2, actorId: ADMIN_ID, items: [{ skuId: 1, quantity: 1 }] });
    await fx.settle();
    const deal = fx.sim.state.dealForOrder(order.id)!;
    expect(deal).toBeTruthy();
    expect(deal.stageId).toBe(6);
    expect(count(fx.effects(), 'deal_create_backend')).toBe(1);
    expect(await linkStore.byOrder(order.id)).toMatchObject({ dealId: deal.id });
    expect(fx.activity.filter((a) => a.kind === 'deal_created')).toHaveLength(1);
  });

  it('the first look takes every order of the newest order’s second as history: none gets a deal', async () => {
    fx = await syncFixture();
    fx.setSettings({
      autoCreate: [{ storefront: '', enabled: true, trigger: 'order_create', funnelId: 1, stageId: 1, ownerId: null }],
    });
    const second = fx.sim.state.clock.now();
    const made = Array.from(
      { length: 5 },
      () =>
        fx.sim.state.addOrder({
          contactId: 2,
          items: [{ skuId: 1, quantity: 1 }],
          storefront: '',
          actorId: ADMIN_ID,
          createdAt: second,
        }).id,
    );
    const engine = fx.engine();
    await engine.request(); // places the cursors
    await fx.settle(engine);
    for (const id of made) expect(fx.sim.state.dealForOrder(id), `order ${id}`).toBeUndefined();
    // An order made after watching started is new: it gets its deal.
    const later = fx.sim.state.addOrder({
      contactId: 2,
      items: [{ skuId: 1, quantity: 1 }],
      storefront: '',
      actorId: ADMIN_ID,
    });
    await fx.settle(engine);
    expect(fx.sim.state.dealForOrder(later.id)).toBeDefined();
  });

  it('without a backend session creation waits as a "sign in" problem and goes ahead once signed in', async () => {
    fx = await startedFixture({ signedIn: false });
    fx.setSettings((s) => ({
      ...s,
      autoCreate: [{ storefront: '', enabled: true, trigger: 'order_process', funnelId: 1, stageId: 1, ownerId: null }],
    }));
    const order = fx.sim.state.addOrder({
      contactId: 3,
      actorId: ADMIN_ID,
      items: [{ skuId: 2, quantity: 1 }],
      storefront: '',
    });
    await fx.settle();
    expect(fx.sim.state.dealForOrder(order.id)).toBeUndefined(); // trigger is "processed", not "placed"
    fx.sim.state.runOrderAction(order.id, 'process', ADMIN_ID);
    await fx.settle();
    const { problems } = await listSyncItems({ orderId: order.id });
    expect(problems.map((p) => p.problem)).toEqual([expect.stringMatching(/Sign in to Webasyst/)]);

    fx.signIn();
    const { wakeProblems } = await import('../../../utils/db/outbox');
    expect(await wakeProblems('session_required', Date.now())).toBe(1);
    await fx.settle();
    expect(fx.sim.state.dealForOrder(order.id)).toBeTruthy();
    expect(count(fx.effects(), 'deal_create_backend')).toBe(1);
    // The new deal follows the rule of the action that created it: process → stage 2.
    expect(fx.sim.state.dealForOrder(order.id)!.stageId).toBe(2);
  });
});

describe('two runners creating the same deal (the residual race)', () => {
  const autoCreate = (fx: SyncFixture) =>
    fx.setSettings((s) => ({
      ...s,
      autoCreate: [
        {
          storefront: fx.sim.state.host,
          enabled: true,
          trigger: 'order_create',
          funnelId: 1,
          stageId: 1,
          ownerId: null,
        },
      ],
    }));

  it('the one whose deal has the higher id deletes its own duplicate and links the lowest', async () => {
    fx = await startedFixture();
    autoCreate(fx);
    const order = fx.sim.state.addOrder({ contactId: 2, actorId: ADMIN_ID, items: [{ skuId: 1, quantity: 1 }] });
    let other = 0;
    const engine = fx.engine({
      ports: {
        ...fx.ports,
        createLinkedDeal: async (params) => {
          // The other browser created its deal between our check and our create.
          other = Number(fx.sim.state.createDealFromBackend(order.id, { dealId: 'new', stageId: 1 }, ADMIN_ID).id);
          return fx.ports.createLinkedDeal(params);
        },
      },
    });
    await fx.settle(engine);
    const linked = [...fx.sim.state.deals.values()].filter((d) => d.externalId === `shop:${order.id}`);
    expect(linked.map((d) => d.id)).toEqual([other]);
    expect(fx.effects().filter((e) => e.startsWith('deal_delete:'))).toHaveLength(1);
    expect(await linkStore.byOrder(order.id)).toMatchObject({ dealId: other });
    expect(fx.activity.map((a) => [a.kind, a.outcome])).toEqual([['deal_linked', 'already']]);
  });

  it('the one whose deal has the lowest id keeps it and deletes nothing', async () => {
    fx = await startedFixture();
    autoCreate(fx);
    const order = fx.sim.state.addOrder({ contactId: 2, actorId: ADMIN_ID, items: [{ skuId: 1, quantity: 1 }] });
    const engine = fx.engine({
      ports: {
        ...fx.ports,
        createLinkedDeal: async (params) => {
          const ours = await fx.ports.createLinkedDeal(params);
          fx.sim.state.createDealFromBackend(order.id, { dealId: 'new', stageId: 1 }, ADMIN_ID);
          return ours;
        },
      },
    });
    await fx.settle(engine);
    const linked = [...fx.sim.state.deals.values()].filter((d) => d.externalId === `shop:${order.id}`);
    expect(linked).toHaveLength(2); // the other runner removes its own
    expect(fx.effects().filter((e) => e.startsWith('deal_delete:'))).toHaveLength(0);
    expect(await linkStore.byOrder(order.id)).toMatchObject({ dealId: Math.min(...linked.map((d) => d.id)) });
  });
});
