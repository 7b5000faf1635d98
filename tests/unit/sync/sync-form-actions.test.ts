import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, startedFixture, type SyncFixture } from './sync-fixture';
import { listSyncItems, toSyncItem } from '../../../utils/sync/items/items';
import { getOutboxItem } from '../../../utils/db/outbox';
import { addPluginAction, courierPluginAction } from '../../../sim/state/workflow';

/**
 * Deal → order rules whose action has a form (Paid, Sent, Start fulfillment, Delete, Refund,
 * plugin actions): run without the form (Shop-Script's defaults) or ask a person.
 */
let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const actionsRun = (fixture: SyncFixture, orderId: number) =>
  fixture
    .effects()
    .filter((e) => e.startsWith(`order_action:${orderId}:`))
    .map((e) => e.split(':')[2]);

/** A new deal for the order at stage 1 of Sales, settled, then moved by a person to `stageId`. */
async function linkAndMove(fixture: SyncFixture, orderId: number, stageId: number): Promise<number> {
  const dealId = Number(fixture.sim.state.createDealFromBackend(orderId, { dealId: 'new', stageId: 1 }, ADMIN_ID).id);
  await fixture.settle();
  fixture.sim.log.clear();
  fixture.sim.state.moveDeal(dealId, stageId, ADMIN_ID, { force: true });
  await fixture.settle();
  return dealId;
}

describe('deal → order rules for actions with a form', () => {
  it.each([
    { actionId: 'pay', orderId: 2, state: 'paid' },
    { actionId: 'fulfilling', orderId: 2, state: 'fulfilling' },
    { actionId: 'ship', orderId: 2, state: 'shipped' },
    { actionId: 'refund', orderId: 3, state: 'refunded' },
    { actionId: 'delete', orderId: 2, state: 'deleted' },
  ])(
    '“$actionId” with “run without the form”: the order gets Shop-Script’s defaults, nobody is asked',
    async ({ actionId, orderId, state }) => {
      fx = await startedFixture();
      fx.setSettings((s) => ({
        ...s,
        mappings: [
          {
            funnelId: 1,
            rules: [{ actionId, target: { kind: 'stage', stageId: 4 }, direction: 'deal_to_order', formChoice: 'run' }],
          },
        ],
      }));
      await linkAndMove(fx, orderId, 4);
      expect(fx.sim.state.getOrder(orderId)!.stateId).toBe(state);
      expect(actionsRun(fx, orderId)).toEqual([actionId]);
      expect(await listSyncItems({ orderId })).toEqual({ pending: [], problems: [] });
      expect(fx.activity.at(-1)).toMatchObject({
        kind: 'order_action',
        outcome: 'applied',
        orderNumber: `#100${orderId}`,
      });
    },
  );

  it.each([
    { actionId: 'pay', orderId: 2 },
    { actionId: 'fulfilling', orderId: 2 },
    { actionId: 'ship', orderId: 2 },
    { actionId: 'refund', orderId: 3 },
    { actionId: 'delete', orderId: 2 },
  ])(
    '“$actionId” with “ask a person”: a problem with one click to Shop-Script’s form, and nothing runs',
    async ({ actionId, orderId }) => {
      fx = await startedFixture();
      fx.setSettings((s) => ({
        ...s,
        mappings: [
          {
            funnelId: 1,
            rules: [{ actionId, target: { kind: 'stage', stageId: 4 }, direction: 'deal_to_order', formChoice: 'ask' }],
          },
        ],
      }));
      await linkAndMove(fx, orderId, 4);
      expect(actionsRun(fx, orderId)).toEqual([]);
      const record = await getOutboxItem(`order:${orderId}`);
      expect(record?.problem).toMatchObject({ code: 'data_required', params: { actionId } });
      const item = toSyncItem(record!, fx.sim.url);
      expect(item.orderNumber).toBe(`#100${orderId}`);
      expect(item.problem).toContain(`order #100${orderId}`);
      expect(item.runInShop).toEqual({
        actionId,
        actionName: record!.problem!.params.action,
        url: `${fx.sim.url}webasyst/shop/?action=orders&dealbridge_run=${orderId}%3A${actionId}#/order/${orderId}/`,
      });
    },
  );

  it('the defaults: Paid, Sent and Start fulfillment run; a lost deal asks before deleting its order', async () => {
    fx = await startedFixture();
    fx.setSettings((s) => ({
      ...s,
      mappings: [{ funnelId: 1, rules: [{ actionId: 'ship', target: { kind: 'stage', stageId: 3 } }] }],
    }));
    const dealId = await linkAndMove(fx, 3, 3); // order 3 is paid
    expect(fx.sim.state.getOrder(3)!.stateId).toBe('shipped');
    fx.sim.state.closeDeal(dealId, 'LOST', ADMIN_ID, { force: true });
    await fx.settle();
    expect(fx.sim.state.getOrder(3)!.stateId).toBe('shipped');
    expect((await getOutboxItem('order:3'))?.problem).toMatchObject({
      code: 'data_required',
      params: { actionId: 'delete' },
    });

    // The close rule's own choice: run without the form.
    fx.setSettings((s) => ({ ...s, closeRules: { ...s.closeRules, lostFormChoice: 'run' } }));
    fx.sim.state.reopenDeal(dealId, ADMIN_ID);
    await fx.settle();
    fx.sim.state.closeDeal(dealId, 'LOST', ADMIN_ID, { force: true });
    await fx.settle();
    expect(fx.sim.state.getOrder(3)!.stateId).toBe('deleted');
    expect(actionsRun(fx, 3)).toEqual(['ship', 'delete']);
  });

  it('an “ask” problem clears itself once a person runs the action in Shop-Script', async () => {
    fx = await startedFixture();
    fx.setSettings((s) => ({
      ...s,
      mappings: [
        { funnelId: 1, rules: [{ actionId: 'ship', target: { kind: 'stage', stageId: 4 }, formChoice: 'ask' }] },
      ],
    }));
    await linkAndMove(fx, 3, 4);
    expect((await listSyncItems({ orderId: 3 })).problems).toHaveLength(1);
    fx.sim.state.runOrderAction(3, 'ship', ADMIN_ID, { params: { tracking_number: 'RA123' } });
    await fx.settle();
    expect(await listSyncItems({ orderId: 3 })).toEqual({ pending: [], problems: [] });
    expect(actionsRun(fx, 3)).toEqual(['ship']);
    expect(fx.activity.map((a) => a.kind).slice(-2)).toEqual(['problem', 'resolved']);
  });

  it('a plugin action that refuses without its field asks a person with the server’s message, and is not tried again', async () => {
    fx = await startedFixture();
    addPluginAction(fx.sim.state.workflow, courierPluginAction(), ['paid']);
    fx.setSettings((s) => ({
      ...s,
      mappings: [
        {
          funnelId: 1,
          rules: [{ actionId: 'courier_handover', target: { kind: 'stage', stageId: 4 }, formChoice: 'run' }],
        },
      ],
    }));
    const dealId = await linkAndMove(fx, 3, 4);
    const record = await getOutboxItem('order:3');
    expect(record?.problem).toMatchObject({
      code: 'form_refused',
      params: { actionId: 'courier_handover', error: 'Select a courier.' },
    });
    expect(toSyncItem(record!, fx.sim.url).problem).toContain('Select a courier.');
    expect(toSyncItem(record!, fx.sim.url).runInShop?.actionId).toBe('courier_handover');
    const tries = () => fx!.sim.log.count({ apiMethod: 'shop.order.action' });
    expect(tries()).toBe(1);

    // A later change revives the problem: it asks again, without running the action again.
    fx.sim.state.runOrderAction(3, 'comment', ADMIN_ID, { text: 'Courier booked' });
    fx.sim.state.moveDeal(dealId, 3, ADMIN_ID, { force: true });
    fx.sim.state.moveDeal(dealId, 4, ADMIN_ID, { force: true });
    await fx.settle();
    expect(tries()).toBe(1);
    expect((await getOutboxItem('order:3'))?.problem?.code).toBe('form_refused');
    expect(fx.sim.state.getOrder(3)!.stateId).toBe('paid');
  });

  it('an action already in the order’s log since the deal moved is not run again', async () => {
    fx = await startedFixture();
    fx.setSettings((s) => ({
      ...s,
      mappings: [
        {
          funnelId: 1,
          rules: [
            { actionId: 'comment', target: { kind: 'stage', stageId: 4 }, formChoice: 'run' },
            { actionId: 'pay', target: { kind: 'stage', stageId: 3 } },
          ],
        },
      ],
    }));
    const dealId = Number(fx.sim.state.createDealFromBackend(2, { dealId: 'new', stageId: 1 }, ADMIN_ID).id);
    await fx.settle();
    fx.sim.log.clear();
    // A person moves the deal, then (before the sync looks) adds the comment by hand.
    fx.sim.state.moveDeal(dealId, 4, ADMIN_ID, { force: true });
    fx.sim.state.runOrderAction(2, 'comment', ADMIN_ID, { text: 'by hand' });
    await fx.settle();
    expect(actionsRun(fx, 2)).toEqual(['comment']);

    // "Paid" mapped to stage 3: a person pays and ships by hand before the sync sees the move.
    fx.sim.state.moveDeal(dealId, 3, ADMIN_ID, { force: true });
    fx.sim.state.runOrderAction(2, 'pay', ADMIN_ID);
    fx.sim.state.runOrderAction(2, 'ship', ADMIN_ID);
    await fx.settle();
    expect(actionsRun(fx, 2)).toEqual(['comment', 'pay', 'ship']);
    expect(await listSyncItems({ orderId: 2 })).toEqual({ pending: [], problems: [] });
  });

  it('a table rule “Mark as Completed → won” order → deal only keeps “won → complete” in force', async () => {
    fx = await startedFixture();
    fx.setSettings((s) => ({
      ...s,
      mappings: [
        { funnelId: 1, rules: [{ actionId: 'complete', target: { kind: 'won' }, direction: 'order_to_deal' }] },
      ],
    }));
    fx.sim.state.closeDeal(6, 'WON', ADMIN_ID, { force: true }); // order 1 is processing
    await fx.settle();
    expect(fx.sim.state.getOrder(1)!.stateId).toBe('completed');
  });
});
