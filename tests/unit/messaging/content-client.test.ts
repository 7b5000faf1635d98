import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentMessageError, send } from '@/utils/messaging/content-client';
import { MessageRouter } from '@/utils/messaging/router';

/** The content scripts' `send` over runtime messages, against the real router or raw replies. */
function answer(reply: (message: unknown) => unknown) {
  const seen: unknown[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    seen.push(message);
    return Promise.resolve(reply(message));
  });
  return seen;
}

describe('send', () => {
  it('round-trips through the background’s router, which checks the request and the reply', async () => {
    const router = new MessageRouter();
    router.on('order.checkLink', ({ orderId, dealId }) => ({
      ok: orderId === 3 && dealId === null,
      reason: null,
      linkedDeal: null,
    }));
    router.on('sync.nudge', () => ({ accepted: true }));
    answer((message) => router.handle(message, { trusted: false, tabId: 1, url: 'http://shop.test/webasyst/shop/' }));
    await expect(send('order.checkLink', { orderId: 3, customerId: null, dealId: null })).resolves.toEqual({
      ok: true,
      reason: null,
      linkedDeal: null,
    });
    await expect(send('sync.nudge', { kind: 'invoice', id: 3 } as never)).rejects.toMatchObject({
      code: 'bad_request',
      name: 'ContentMessageError',
    });
  });

  it('sends the message in the wire format', async () => {
    const seen = answer(() => ({ ok: true, data: { accepted: true } }));
    await send('sync.nudge', { kind: 'order', id: 3 });
    expect(seen).toEqual([{ dealbridge: 1, type: 'sync.nudge', payload: { kind: 'order', id: 3 } }]);
  });

  it.each([
    ['an unreadable envelope', 'hello', 'bad_reply'],
    ['an error without a code', { ok: false, error: { message: 'x' } }, 'bad_reply'],
    ['an envelope without ok', { data: { accepted: true } }, 'bad_reply'],
    ['nothing at all', undefined, 'bad_reply'],
  ])('turns %s into bad_reply', async (_name, raw, code) => {
    answer(() => raw);
    await expect(send('sync.nudge', { kind: 'deal', id: 7 })).rejects.toMatchObject({ code });
  });

  it('passes the background’s own error code and text on', async () => {
    answer(() => ({ ok: false, error: { code: 'not_connected', message: 'Connect first.' } }));
    const failure = await send('sync.nudge', { kind: 'deal', id: 7 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ContentMessageError);
    expect(failure).toMatchObject({ code: 'not_connected', message: 'Connect first.' });
  });

  it('tells a reloaded extension from a silent background', async () => {
    const original = fakeBrowser.runtime.sendMessage;
    try {
      fakeBrowser.runtime.sendMessage = (() => Promise.reject(new Error('Extension context invalidated.'))) as never;
      await expect(send('sync.nudge', { kind: 'deal', id: 7 })).rejects.toMatchObject({
        code: 'extension_unavailable',
        message: /reload this page\.$/,
      });
      fakeBrowser.runtime.sendMessage = (() => Promise.reject(new Error('Could not establish connection.'))) as never;
      await expect(send('sync.nudge', { kind: 'deal', id: 7 })).rejects.toMatchObject({
        code: 'extension_unavailable',
        message: /not answering/,
      });
    } finally {
      fakeBrowser.runtime.sendMessage = original;
    }
  });
});
