// Actions with a form, as a running installation runs them: through the API with only
// `id` and `action`, a plugin's action that refuses without its field, and the backend's form.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../../sim/server';
import { addPluginAction, courierPluginAction } from '../../../sim/state/workflow';
import { callApi } from './api-client';

let sim: Sim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('actions with a form', () => {
  it('are marked data_required, yet run through the API without any form field', async () => {
    sim = await startSimulator({ seed: 'demo' });
    const actions = await callApi(sim, 'shop.order.actions', { query: { id: 2 } });
    const flags = Object.fromEntries(
      (actions.body as Array<{ id: string; data_required: boolean }>).map((a) => [a.id, a.data_required]),
    );
    expect(flags).toMatchObject({
      pay: true,
      fulfilling: true,
      ship: true,
      comment: true,
      delete: true,
      complete: false,
    });

    const pay = await callApi(sim, 'shop.order.action', { form: { id: 2, action: 'pay' } });
    expect(pay.status).toBe(200);
    const body = pay.body as Record<string, unknown>;
    expect(Object.keys(body).slice(0, 2)).toEqual(['update', 'text']);
    expect(body).toMatchObject({
      text: '',
      order_id: 2,
      action_id: 'pay',
      before_state_id: 'processing',
      after_state_id: 'paid',
    });
    expect(Object.keys(body.update as object)).toEqual([
      'paid_year',
      'paid_quarter',
      'paid_month',
      'paid_date',
      'paid_datetime',
      'is_first',
      'update_datetime',
    ]);

    const ship = await callApi(sim, 'shop.order.action', { form: { id: 2, action: 'ship' } });
    expect(ship.body).toMatchObject({
      order_id: 2,
      action_id: 'ship',
      before_state_id: 'paid',
      after_state_id: 'shipped',
      update: { update_datetime: expect.any(String) },
    });

    const del = await callApi(sim, 'shop.order.action', { form: { id: 14, action: 'delete' } });
    expect(del.body).toMatchObject({ action_id: 'delete', before_state_id: 'new', after_state_id: 'deleted' });
  });

  it('a plugin action refuses without its field (400 with its message) and runs with it', async () => {
    sim = await startSimulator({ seed: 'demo' });
    addPluginAction(sim.state.workflow, courierPluginAction(), ['paid']);
    const offered = await callApi(sim, 'shop.order.actions', { query: { id: 3 } });
    expect(offered.body).toContainEqual(
      expect.objectContaining({ id: 'courier_handover', is_custom: true, data_required: true }),
    );

    const refused = await callApi(sim, 'shop.order.action', { form: { id: 3, action: 'courier_handover' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: 'invalid_param', error_description: 'Select a courier.' });
    expect(sim.state.getOrder(3)!.stateId).toBe('paid');

    const ran = await callApi(sim, 'shop.order.action', {
      form: { id: 3, action: 'courier_handover', courier_id: '4' },
    });
    expect(ran.status).toBe(200);
    expect(sim.state.getOrder(3)!.stateId).toBe('shipped');
  });
});
