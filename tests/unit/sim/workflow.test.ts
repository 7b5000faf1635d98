// Shop workflow through the domain: targets, paid dates, restore, availability, rights.
import { describe, expect, it } from 'vitest';
import { SimState } from '../../../sim/state/state';
import { applySeed } from '../../../sim/seed';
import { DomainError } from '../../../sim/state/errors';

function demo() {
  const state = new SimState({ host: 'shop.test' });
  applySeed(state, 'demo');
  return state;
}
const newOrder = (s: SimState) => s.addOrder({ contactId: 2, actorId: 1, items: [{ skuId: 1, quantity: 1 }] });

describe('order workflow', () => {
  it('create leaves update_datetime NULL; the first later action sets it', () => {
    const s = demo();
    const o = newOrder(s);
    expect(o.updatedAt).toBeNull();
    expect(s.orders.log(o).map((l) => [l.actionId, l.beforeStateId, l.afterStateId])).toEqual([['create', '', 'new']]);
    s.clock.set(Date.UTC(2026, 0, 10, 12, 0, 0));
    s.runOrderAction(o.id, 'comment', 1, { text: 'hi' });
    expect(o.stateId).toBe('new');
    expect(o.updatedAt).toBe(Date.UTC(2026, 0, 10, 12, 0, 0));
  });

  it('a payment plugin’s "auth" (run without being offered) sets the authorization date once', () => {
    const s = demo();
    const o = newOrder(s);
    expect(o.authAt).toBeNull();
    s.clock.set(Date.UTC(2026, 4, 2, 21, 30, 0));
    const { update } = s.runOrderAction(o.id, 'auth', 1, { skipChecks: true });
    expect([o.stateId, o.authAt, update.auth_date]).toEqual(['auth', Date.UTC(2026, 4, 2, 21, 30, 0), '2026-05-03']);
    s.runOrderAction(o.id, 'capture', 1);
    expect([o.stateId, o.authAt]).toEqual(['paid', Date.UTC(2026, 4, 2, 21, 30, 0)]);
  });

  it('moves through process → pay → ship → complete and sets the paid date once', () => {
    const s = demo();
    const o = newOrder(s);
    s.clock.set(Date.UTC(2026, 4, 2, 21, 30, 0)); // 00:30 on May 3rd in the shop's +3 zone
    expect(s.runOrderAction(o.id, 'process', 1).log.afterStateId).toBe('processing');
    const pay = s.runOrderAction(o.id, 'pay', 1);
    expect(pay.update).toMatchObject({
      paid_date: '2026-05-03',
      paid_datetime: '2026-05-03 00:30:00',
      paid_quarter: 2,
      paid_year: '2026',
      paid_month: '5',
    });
    expect(Object.keys(pay.reply)[0]).toBe('update');
    expect(s.runOrderAction(o.id, 'ship', 1).update).toEqual({ update_datetime: '2026-05-03 00:30:00' });
    expect(s.runOrderAction(o.id, 'complete', 1).update).toEqual({ update_datetime: '2026-05-03 00:30:00' });
    expect(o.stateId).toBe('completed');
  });

  it('delete clears the paid date and restore returns to the state before deletion', () => {
    const s = demo();
    const o = newOrder(s);
    s.runOrderAction(o.id, 'process', 1);
    s.runOrderAction(o.id, 'pay', 1);
    s.runOrderAction(o.id, 'fulfilling', 1);
    const del = s.runOrderAction(o.id, 'delete', 1);
    expect(del.update).toMatchObject({ paid_date: null, paid_datetime: null });
    expect(o.paidAt).toBeNull();
    expect(s.availableOrderActions(o.id, 1).map((a) => a.id)).toEqual(['restore', 'message']);
    expect(s.runOrderAction(o.id, 'restore', 1).log.afterStateId).toBe('fulfilling');
  });

  it('offers the actions of the state that are available now, like the capture for a new order', () => {
    const s = demo();
    const o = newOrder(s);
    expect(s.availableOrderActions(o.id, 1).map((a) => a.id)).toEqual([
      'process',
      'pay',
      'fulfilling',
      'ship',
      'complete',
      'comment',
      'edit',
      'editshippingdetails',
      'message',
      'delete',
      'sendpin',
    ]);
    expect(s.availableOrderActions(9, 1).map((a) => a.id)).toEqual([
      'capture',
      'cancel',
      'comment',
      'message',
      'sendpin',
    ]);
  });

  it('refuses an action that the state does not offer', () => {
    const s = demo();
    expect(() => s.runOrderAction(5, 'process', 1)).toThrow(DomainError);
    try {
      s.runOrderAction(5, 'process', 1);
    } catch (err) {
      expect((err as DomainError).code).toBe('not_available');
    }
  });

  it('limits a manager to the workflow actions they were granted', () => {
    const s = demo();
    const o = newOrder(s);
    expect(s.availableOrderActions(o.id, 6).map((a) => a.id)).toEqual([
      'process',
      'pay',
      'ship',
      'complete',
      'comment',
      'message',
    ]);
    expect(() => s.runOrderAction(o.id, 'delete', 6)).toThrow('Access denied');
  });

  it('records one effect per action', () => {
    const s = demo();
    const effects: string[] = [];
    s.onEffect((e) => effects.push(e));
    const o = newOrder(s);
    s.runOrderAction(o.id, 'process', 1);
    expect(effects).toEqual([`order_add:${o.id}`, `order_action:${o.id}:process`]);
  });
});
