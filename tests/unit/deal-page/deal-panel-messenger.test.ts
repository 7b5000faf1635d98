import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { messagePorts } from '@/components/deal-panel/messenger';
import { MessageRouter } from '@/utils/messaging/router';
import { toLinkedOrder } from '@/utils/orders/linked-order';
import { shopOrderSchema, shopSettingsSchema } from '@/utils/api/schemas/shop';

const captures = resolve(__dirname, '../../../../shared/webasyst/captures');
const read = (name: string) => JSON.parse(readFileSync(resolve(captures, name), 'utf8'));
const panel = toLinkedOrder(shopOrderSchema.parse(read('shop.order.getInfo_3.json')), {
  baseUrl: 'http://127.0.0.1:8080/',
  states: shopSettingsSchema.parse(read('shop.settings.get.json')).order_states,
  number: '#1003',
});
const item = {
  id: 'p1',
  status: 'problem',
  orderId: 3,
  orderNumber: '#1003',
  dealId: 6,
  dealName: 'Order #1003',
  effect: 'Run “Paid”',
  reason: 'Deal moved',
  problem: 'Needs a form.',
  since: 1,
  attempts: 3,
  orderUrl: null,
  dealUrl: null,
  runInShop: null,
  waitReason: null,
  nextTryAt: null,
  lastError: null,
};
const good = {
  linked: true,
  customer: { id: 4, name: 'Novak' },
  order: panel,
  orderError: null,
  pending: [],
  problems: [item],
};

/** The background's router answers, validating both ways as it does in the extension. */
function background(handle: (router: MessageRouter) => void): unknown[] {
  const router = new MessageRouter();
  handle(router);
  const seen: unknown[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    seen.push(message);
    return router.handle(message, { trusted: false, tabId: 1, url: 'http://127.0.0.1:8080/webasyst/crm/deal/6/' });
  });
  return seen;
}

describe('messagePorts over runtime messages', () => {
  it('asks deal.order and returns the reply the router validated (keys beyond the schema dropped)', async () => {
    const seen = background((router) => router.on('deal.order', () => ({ ...good, extra: 1 }) as never));
    const reply = await messagePorts.loadDealOrder(6);
    expect(seen).toEqual([{ dealbridge: 1, type: 'deal.order', payload: { dealId: 6 } }]);
    expect(reply.order?.number).toBe('#1003');
    expect(reply).not.toHaveProperty('extra');
  });

  it('turns the background’s error into a coded error', async () => {
    fakeBrowser.runtime.onMessage.addListener(() =>
      Promise.resolve({ ok: false, error: { code: 'not_connected', message: 'Connect first.' } }),
    );
    await expect(messagePorts.loadDealOrder(6)).rejects.toMatchObject({
      code: 'not_connected',
      message: 'Connect first.',
    });
  });

  it('a reply of the wrong shape never reaches the page: the router refuses it', async () => {
    background((router) => router.on('deal.order', () => ({ linked: 'yes' }) as never));
    await expect(messagePorts.loadDealOrder(6)).rejects.toMatchObject({ code: 'internal' });
  });

  it('sends the nudge and the retry as the sync messages define them', async () => {
    const seen = background((router) => {
      router.on('sync.nudge', () => ({ accepted: true }));
      router.on('sync.retry', () => ({ accepted: true }));
    });
    await messagePorts.nudge(6);
    await messagePorts.retry('p1');
    expect(seen).toEqual([
      { dealbridge: 1, type: 'sync.nudge', payload: { kind: 'deal', id: 6 } },
      { dealbridge: 1, type: 'sync.retry', payload: { itemId: 'p1' } },
    ]);
  });

  it('an invalid request is refused before any handler runs', async () => {
    let ran = 0;
    background((router) => {
      router.on('deal.order', () => {
        ran += 1;
        return good as never;
      });
      router.on('sync.retry', () => {
        ran += 1;
        return { accepted: true };
      });
    });
    await expect(messagePorts.loadDealOrder(0)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(messagePorts.retry('')).rejects.toMatchObject({ code: 'bad_request' });
    expect(ran).toBe(0);
  });
});
