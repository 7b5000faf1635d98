// What the real Shop-Script records in an order's params (API.md §10): every order made by
// checkout or the backend carries the shipping, payment and referring host beside its
// storefront, and shop.order.add stores the installation's domain as the storefront whatever
// the request says, so only the backend's New order page makes "manual" orders.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../../sim/server';
import { callApi } from './api-client';

describe('order params', () => {
  let sim: Sim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  const hasCheckoutParams = (params: Record<string, string>) => {
    expect(params.shipping_id).toMatch(/^\d+$/);
    expect(params.payment_id).toMatch(/^\d+$/);
    expect(params.referer_host).toBeTruthy();
    expect(params).toHaveProperty('storefront');
  };

  it('seeded orders carry shipping_id, payment_id and referer_host beside the storefront', async () => {
    sim = await startSimulator();
    const orders = [...sim.state.orders.all()];
    expect(orders.length).toBeGreaterThan(5);
    for (const order of orders) hasCheckoutParams(order.params);
  });

  it('orders of the scale seed carry them too', async () => {
    sim = await startSimulator({ seed: { orders: 50, deals: 10 } });
    for (const order of sim.state.orders.all()) hasCheckoutParams(order.params);
  });

  it('orders made in the backend carry them too, with an empty storefront', async () => {
    sim = await startSimulator();
    const order = sim.state.addOrder({ contactId: 2, actorId: 1, items: [{ skuId: 1, quantity: 1 }], storefront: '' });
    hasCheckoutParams(order.params);
    expect(order.params.storefront).toBe('');
  });

  it('shop.order.add stores the installation domain as storefront, whatever the request says', async () => {
    sim = await startSimulator();
    for (const asked of ['', 'elsewhere.test/shop/']) {
      const res = await callApi(sim, 'shop.order.add', {
        form: {
          contact_id: 3,
          'items[0][sku_id]': 2,
          'items[0][quantity]': 1,
          'params[storefront]': asked,
          'params[note]': 'kept',
        },
      });
      const order = sim.state.getOrder(Number((res.body as { id: string }).id))!;
      expect(order.params.storefront).toBe(sim.state.host);
      expect(order.params.note).toBe('kept');
      hasCheckoutParams(order.params);
    }
  });
});

describe('shop.order.search fields=contact', () => {
  let sim: Sim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('adds the customer, its name escaped unless escape=0, and only when asked', async () => {
    sim = await startSimulator();
    const c = sim.state.contact(sim.state.getOrder(2)!.contactId)!;
    c.lastname = "O'Neil <b>";
    const rows = async (query: Record<string, string | number>) =>
      (
        (await callApi(sim!, 'shop.order.search', { query: { hash: 'id/2', ...query } })).body as {
          orders: Array<Record<string, unknown>>;
        }
      ).orders;
    expect((await rows({}))[0]).not.toHaveProperty('contact');
    expect((await rows({ fields: 'contact' }))[0].contact).toMatchObject({
      id: String(c.id),
      name: expect.stringContaining('&lt;b&gt;'),
    });
    expect((await rows({ fields: 'contact', escape: 0 }))[0].contact).toMatchObject({
      name: expect.stringContaining('<b>'),
    });
  });
});
