// The built-in Shop-Script <-> CRM integration and CRM's 409 dialogs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../../sim/server';
import { callApi } from './api-client';

describe('built-in integration', () => {
  let sim: Sim;
  beforeEach(async () => {
    sim = await startSimulator({ builtinIntegration: true });
  });
  afterEach(() => sim.close());
  const move = (id: number, stage_id: number, force = false) =>
    callApi(sim, 'crm.deal.move', { query: { id }, json: { stage_id, force } });

  it('is off by default: moves and order actions have no side effects', async () => {
    const plain = await startSimulator();
    try {
      expect((await callApi(plain, 'crm.deal.move', { query: { id: 6 }, json: { stage_id: 5 } })).status).toBe(204);
      await callApi(plain, 'shop.order.action', { form: { id: 1, action: 'pay' } });
      expect(plain.state.getDeal(6)!.stageId).toBe(5);
      expect(plain.log.effects()).toEqual(['deal_move:6:3->5', 'order_action:1:pay']);
    } finally {
      await plain.close();
    }
  });

  it('creates a deal for a new storefront order and links it', async () => {
    const res = await callApi(sim, 'shop.order.add', {
      form: { contact_id: 3, 'items[0][sku_id]': 2, 'items[0][quantity]': 1 },
    });
    const orderId = Number((res.body as { id: string }).id);
    const deal = sim.state.dealForOrder(orderId)!;
    expect(deal).toMatchObject({
      name: `Order #100${orderId}`,
      stageId: 1,
      contactId: 3,
      creatorContactId: 3,
      amount: 29.9,
      sourceId: 1,
    });
    expect(sim.log.effects()).toEqual([`order_add:${orderId}`, `deal_auto_create:${deal.id}:order:${orderId}`]);
    expect(sim.state.getOrder(orderId)!.updatedAt).toBeNull();
  });

  it('links the deal named by crm_deal[id] on shop.order.add', async () => {
    const res = await callApi(sim, 'shop.order.add', {
      form: { contact_id: 4, 'items[0][sku_id]': 1, 'crm_deal[id]': 7 },
    });
    const orderId = Number((res.body as { id: string }).id);
    expect(sim.state.getDeal(7)!.externalId).toBe(`shop:${orderId}`);
    expect(sim.log.effects()).toContain(`deal_link:7:order:${orderId}`);
  });

  it('moves the linked deal forward only and forces it open', async () => {
    // deal 6 (stage 3) ↔ order 1 (processing); pay → stage 4
    await callApi(sim, 'shop.order.action', { form: { id: 1, action: 'pay' } });
    expect(sim.state.getDeal(6)!.stageId).toBe(4);
    // process → stage 2 is behind: no move
    const o = sim.state.addOrder({ contactId: 2, actorId: 1, items: [{ skuId: 1, quantity: 1 }], storefront: '' });
    sim.state.createDealFromBackend(o.id, { dealId: 'new', stageId: 3 }, 1);
    const d = sim.state.dealForOrder(o.id)!;
    sim.state.closeDeal(d.id, 'LOST', 1, { bulk: true });
    await callApi(sim, 'shop.order.action', { form: { id: o.id, action: 'process' } });
    expect(d).toMatchObject({ stageId: 3, statusId: 'LOST' });
    await callApi(sim, 'shop.order.action', { form: { id: o.id, action: 'pay' } });
    expect(d).toMatchObject({ stageId: 4, statusId: 'OPEN', closedAt: null });
  });

  it('closes won/lost from complete/delete and reopens on restore', async () => {
    await callApi(sim, 'shop.order.action', { form: { id: 1, action: 'delete' } });
    expect(sim.state.getDeal(6)!.statusId).toBe('LOST');
    await callApi(sim, 'shop.order.action', { form: { id: 1, action: 'restore' } });
    expect(sim.state.getDeal(6)!.statusId).toBe('OPEN');
    expect(sim.state.getOrder(1)!.stateId).toBe('processing');
    await callApi(sim, 'shop.order.action', { form: { id: 1, action: 'complete' } });
    expect(sim.state.getDeal(6)!.statusId).toBe('WON');
  });

  it('answers 409 with the action form when the mapped action has one, and does not move', async () => {
    const res = await move(6, 4);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ order_id: 1, action_id: 'pay' });
    expect(Object.keys(res.body as object)).toEqual(['order_id', 'action_id', 'dialog_html']);
    expect(sim.state.getDeal(6)!.stageId).toBe(3);
    expect((await move(6, 4, true)).status).toBe(409); // force does not skip a form
  });

  it('runs a form-less mapped action once, and the loop guard stops the echo', async () => {
    const o = sim.state.addOrder({ contactId: 2, actorId: 1, items: [{ skuId: 1, quantity: 1 }], storefront: '' });
    sim.state.createDealFromBackend(o.id, { dealId: 'new', stageId: 1 }, 1);
    const d = sim.state.dealForOrder(o.id)!;
    sim.log.clear();
    expect((await move(d.id, 2)).status).toBe(204);
    expect(o.stateId).toBe('processing');
    expect(sim.log.effects()).toEqual([`order_action:${o.id}:process`, `deal_move:${d.id}:1->2`]);
    expect(sim.log.entries().filter((e) => e.apiMethod === 'crm.deal.move')[0].effects).toHaveLength(2);
  });

  it('asks before skipping stages or going back; force skips the question', async () => {
    const res = await move(6, 1);
    expect(res.status).toBe(409);
    expect(Object.keys(res.body as object)).toEqual(['dialog_html']);
    expect((res.body as { dialog_html: string }).dialog_html).toContain(
      'Move <strong>Order #1001</strong> to <strong>Lead In</strong>?',
    );
    expect(sim.state.getDeal(6)!.stageId).toBe(3);
    expect((await move(6, 1, true)).status).toBe(204);
    expect(sim.state.getDeal(6)!.stageId).toBe(1);
  });

  it('a mapped form action takes precedence over the skip question, as in crmShop::workflowPrepare', async () => {
    const res = await move(6, 5); // 3 → 5 skips a stage; ship (stage 5) has a form
    expect(res.body).toMatchObject({ order_id: 1, action_id: 'ship' });
  });

  it('warns when the mapped action is not available for the order state', async () => {
    // deal 4 ↔ order 4 (shipped): process is mapped to stage 2 but not available; moving back asks first
    const res = await move(4, 2, false);
    expect(res.status).toBe(409);
    expect((await move(4, 2, true)).status).toBe(204);
    sim.state.getDeal(4)!.stageId = 1;
    const unavailable = await move(4, 2);
    expect((unavailable.body as { dialog_html: string }).dialog_html).toContain(
      'Action <strong>Process</strong> is not available',
    );
  });

  it('closing a linked deal runs the won action when it has no form', async () => {
    const res = await callApi(sim, 'crm.deal.close', { query: { id: 6 }, json: { status_id: 'WON' } });
    expect(res.status).toBe(204);
    expect(sim.state.getOrder(1)!.stateId).toBe('completed');
    expect(sim.state.getDeal(6)!.statusId).toBe('WON');
  });

  it('bulk moves never touch orders', async () => {
    const res = await callApi(sim, 'crm.deal.move', { json: { id: [6, 4], stage_id: 2 } });
    expect(res.body).toEqual({ moved: [6, 4] });
    expect(sim.state.getOrder(1)!.stateId).toBe('processing');
    expect(sim.log.effects()).toEqual(['deal_move:6:3->2', 'deal_move:4:4->2']);
  });

  it('a bulk move lists only the deals it moved, and answers 204 when none needed moving', async () => {
    const some = await callApi(sim, 'crm.deal.move', { json: { id: [6, 4, 4], stage_id: 4 } });
    expect(some.body).toEqual({ moved: [6] });
    const none = await callApi(sim, 'crm.deal.move', { json: { id: [6, 4], stage_id: 4 } });
    expect(none.status).toBe(204);
    expect(none.body ?? null).toBeNull();
  });

  it('an id array of one is a single move: the Shop sync runs and may answer 409', async () => {
    const res = await callApi(sim, 'crm.deal.move', { json: { id: [6], stage_id: 5 } });
    expect(res.status).toBe(409);
    expect(sim.state.getDeal(6)!.stageId).toBe(3);
  });

  it('an unknown stage is a 400 invalid_request', async () => {
    const res = await callApi(sim, 'crm.deal.move', { json: { id: [6, 4], stage_id: 999 } });
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toBe('invalid_request');
  });

  it('crm.deal.shopaction runs the form action and the Shop side moves the deal', async () => {
    const res = await callApi(sim, 'crm.deal.shopaction', {
      query: { order_id: 1, action_id: 'pay' },
      form: { text: 'paid by card' },
    });
    expect(res.status).toBe(200);
    expect((res.body as { stage_id: number }).stage_id).toBe(4);
    const unavailable = await callApi(sim, 'crm.deal.shopaction', {
      query: { order_id: 1, action_id: 'process' },
      verb: 'POST',
    });
    expect(unavailable.status).toBe(409);
    expect((unavailable.body as { error: string }).error).toBe('not_available');
  });
});

describe('backend create endpoint semantics', () => {
  it('binds an open unlinked deal (string id) and silently creates when it cannot', async () => {
    const sim = await startSimulator();
    try {
      const bound = sim.state.createDealFromBackend(7, { dealId: 8 }, 1);
      expect(bound).toEqual({ id: '8', created: false });
      expect(sim.state.getDeal(8)).toMatchObject({ externalId: 'shop:7', amount: 50 });
      const again = sim.state.createDealFromBackend(2, { dealId: 8, stageId: 2 }, 1);
      expect(again.created).toBe(true);
      expect(typeof again.id).toBe('number');
      expect(sim.state.getDeal(again.id as number)).toMatchObject({
        name: 'Order #1002',
        externalId: 'shop:2',
        stageId: 2,
      });
      expect(sim.log.effects()).toEqual(['deal_link:8:order:7', `deal_create_backend:${again.id}:order:2`]);
      expect(() => sim.state.createDealFromBackend(987, { dealId: 'new' }, 1)).toThrow('Order not found');
    } finally {
      await sim.close();
    }
  });
});
