// shop.order.search hashes, sorting and paging.
import { describe, expect, it } from 'vitest';
import { applySeed } from '../../../sim/seed';
import { parseCondition, parseHash, searchOrders, splitConditions } from '../../../sim/api/shop/search';
import { SimState } from '../../../sim/state/state';

function demo() {
  const state = new SimState({ host: 'shop.test' });
  applySeed(state, 'demo');
  return state;
}
const ids = (s: SimState, hash: string, sort = 'id ASC', offset = 0, limit = 1000) =>
  searchOrders(s, parseHash(s, hash), sort, offset, limit).orders.map((o) => o.id);

describe('search hash', () => {
  it('splits conditions on unescaped & and reads operators', () => {
    expect(splitConditions('comment*=a\\&b&state_id=new')).toEqual(['comment*=a&b', 'state_id=new']);
    expect(parseCondition('update_datetime>=2026-01-01 00:00:00')).toEqual({
      field: 'update_datetime',
      op: '>=',
      value: '2026-01-01 00:00:00',
    });
    expect(parseCondition('state_id==new||paid')).toEqual({ field: 'state_id', op: '=', value: 'new||paid' });
    expect(parseCondition('params.storefront!=EMPTY')).toEqual({
      field: 'params.storefront',
      op: '!=',
      value: 'EMPTY',
    });
  });

  it('selects all, id lists, state lists and customers', () => {
    const s = demo();
    expect(ids(s, '')).toHaveLength(14);
    expect(ids(s, 'all')).toHaveLength(14);
    expect(ids(s, 'id/3,1,99')).toEqual([1, 3]);
    expect(ids(s, 'search/state_id=new||processing')).toEqual([1, 2, 7, 13, 14]);
    expect(ids(s, 'search/contact_id=2&state_id!=completed')).toEqual([1, 9]);
    expect(ids(s, 'search/id=#1003')).toEqual([3]);
  });

  it('treats NULL and EMPTY like the collection does', () => {
    const s = demo();
    const untouched = ids(s, 'search/update_datetime=NULL');
    expect(untouched).toEqual([7, 10, 11, 13, 14]);
    expect(ids(s, 'search/params.storefront=EMPTY')).toEqual([10, 14]);
    expect(ids(s, 'search/params.storefront=shop.test')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12]);
  });

  it('compares datetimes in the shop time zone', () => {
    const s = demo();
    const o = s.getOrder(2)!;
    const local = new Date(o.updatedAt! + 3 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    expect(ids(s, `search/id=2&update_datetime>=${local}`)).toEqual([2]);
    expect(ids(s, `search/id=2&update_datetime>${local}`)).toEqual([]);
  });

  it('sorts by updated = IFNULL(update_datetime, create_datetime) and pages', () => {
    const s = demo();
    const all = searchOrders(s, null, 'updated DESC', 0, 1000).orders;
    const keys = all.map((o) => o.updatedAt ?? o.createdAt);
    expect([...keys].sort((a, b) => b - a)).toEqual(keys);
    const page2 = searchOrders(s, null, 'updated DESC', 5, 5);
    expect(page2.count).toBe(14);
    expect(page2.orders.map((o) => o.id)).toEqual(all.slice(5, 10).map((o) => o.id));
    // A never-touched new order sorts by its creation time, so it is not missed.
    expect(all.findIndex((o) => o.id === 14)).toBeLessThan(all.findIndex((o) => o.id === 1));
  });

  it('keeps the updated index in order after actions', () => {
    const s = demo();
    s.clock.set(Date.now() + 60_000);
    s.runOrderAction(3, 'comment', 1, { text: 'x' });
    expect(searchOrders(s, null, 'updated DESC', 0, 1).orders[0].id).toBe(3);
  });

  it('defaults to create_datetime DESC', () => {
    const s = demo();
    expect(ids(s, '', '').slice(0, 3)).toEqual([14, 13, 12]);
  });
});
