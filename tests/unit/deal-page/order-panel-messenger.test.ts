import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { messagePorts } from '@/components/order-panel/messenger';
import { dealPageMessages } from '@/utils/messaging/messages/deal-page';
import { dealOrder } from '@/utils/messaging/content-schemas.generated';
import { safeParse } from '@/utils/validate/json-schema';
import { toOrderPanel } from '@/utils/orders/panel';
import { shopOrderSchema, shopSettingsSchema } from '@/utils/api/schemas/shop';

const captures = resolve(__dirname, '../../../../shared/webasyst/captures');
const read = (name: string) => JSON.parse(readFileSync(resolve(captures, name), 'utf8'));
const panel = toOrderPanel(shopOrderSchema.parse(read('shop.order.getInfo_3.json')), {
  baseUrl: 'http://127.0.0.1:8080/',
  states: shopSettingsSchema.parse(read('shop.settings.get.json')).order_states,
  number: '#1003',
});
const item = {
  id: 'p1', status: 'problem', orderId: 3, orderNumber: '#1003', dealId: 6, dealName: 'Order #1003',
  effect: 'Run “Paid”', reason: 'Deal moved', problem: 'Needs a form.', since: 1, attempts: 3, orderUrl: null, dealUrl: null, runInShop: null, waitReason: null, nextTryAt: null, lastError: null,
};
const good = { linked: true, order: panel, orderError: null, pending: [], problems: [item] };

/** Replies built from a captured order, judged by the generated schema the content script uses as by the protocol's zod schema. */
const samples: Array<[string, unknown]> = [
  ['linked with an order', good],
  ['not linked', { linked: false, order: null, orderError: null, pending: [], problems: [] }],
  ['order error', { ...good, order: null, orderError: { code: 'order_not_found', message: 'gone' } }],
  ['extra keys', { ...good, secret: 'x', order: { ...panel, token: 'x' } }],
  ['missing field', { linked: true, order: panel, pending: [], problems: [] }],
  ['string amount', { ...good, order: { ...panel, total: '108.98' } }],
  ['fractional order id', { ...good, order: { ...panel, orderId: 1.5 } }],
  ['bad sync status', { ...good, problems: [{ ...item, status: 'done' }] }],
  ['fractional attempts', { ...good, problems: [{ ...item, attempts: 0.5 }] }],
  ['null item list', { ...good, pending: null }],
  ['service without a total', { ...good, order: { ...panel, items: [{ ...panel.items[0], services: [{ id: 's', name: 'x', quantity: 1, price: 1 }] }] } }],
];

describe('the content script’s deal.order schema', () => {
  const protocolSchema = dealPageMessages['deal.order'].response;
  it.each(samples)('judges “%s” as the protocol does, with the same output', (_name, sample) => {
    const full = protocolSchema.safeParse(sample);
    const light = safeParse(dealOrder.response, sample);
    expect(light.ok).toBe(full.success);
    if (full.success && light.ok) expect(light.value).toEqual(full.data);
  });
});

describe('messagePorts over runtime messages', () => {
  it('asks deal.order and returns the validated reply', async () => {
    const seen: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      seen.push(message);
      return Promise.resolve({ ok: true, data: { ...good, extra: 1 } });
    });
    const reply = await messagePorts.loadDealOrder(6);
    expect(seen).toEqual([{ dealbridge: 1, type: 'deal.order', payload: { dealId: 6 } }]);
    expect(reply.order?.number).toBe('#1003');
    expect(reply).not.toHaveProperty('extra');
  });

  it('turns the background’s error into a coded error', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ ok: false, error: { code: 'not_connected', message: 'Connect first.' } }));
    await expect(messagePorts.loadDealOrder(6)).rejects.toMatchObject({ code: 'not_connected', message: 'Connect first.' });
  });

  it('refuses a reply of the wrong shape', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ ok: true, data: { linked: 'yes' } }));
    await expect(messagePorts.loadDealOrder(6)).rejects.toMatchObject({ code: 'bad_reply' });
  });

  it('sends the nudge and the retry as the sync messages define them', async () => {
    const seen: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      seen.push(message);
      return Promise.resolve({ ok: true, data: { accepted: true } });
    });
    await messagePorts.nudge(6);
    await messagePorts.retry('p1');
    expect(seen).toEqual([
      { dealbridge: 1, type: 'sync.nudge', payload: { kind: 'deal', id: 6 } },
      { dealbridge: 1, type: 'sync.retry', payload: { itemId: 'p1' } },
    ]);
  });

  it('refuses to send an invalid request', async () => {
    const seen: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      seen.push(message);
      return Promise.resolve({ ok: true, data: { accepted: true } });
    });
    await expect(messagePorts.loadDealOrder(0)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(messagePorts.retry('')).rejects.toMatchObject({ code: 'bad_request' });
    expect(seen).toEqual([]);
  });
});
