import { describe, expect, it } from 'vitest';
import { MessageRouter, UserFacingError, senderInfo } from '@/utils/messaging/router';

const trusted = { trusted: true, tabId: null, url: 'chrome-extension://abc/options.html' };
const content = { trusted: false, tabId: 4, url: 'https://shop.example/webasyst/shop/' };

function envelope(type: string, payload: unknown = {}) {
  return { dealbridge: 1, type, payload };
}

describe('MessageRouter', () => {
  it('answers a valid message with the handler’s validated reply', async () => {
    const router = new MessageRouter();
    router.on('sync.nudge', async ({ kind, id }) => ({ accepted: kind === 'order' && id === 3 }));
    expect(await router.handle(envelope('sync.nudge', { kind: 'order', id: 3 }), content)).toEqual({
      ok: true,
      data: { accepted: true },
    });
  });

  it('refuses privileged messages from content scripts', async () => {
    const router = new MessageRouter();
    let called = false;
    router.on('connection.disconnect', async () => {
      called = true;
      return { revoked: true };
    });
    const reply = await router.handle(envelope('connection.disconnect'), content);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(called).toBe(false);
    expect(await router.handle(envelope('connection.disconnect'), trusted)).toEqual({
      ok: true,
      data: { revoked: true },
    });
  });

  it('rejects malformed envelopes and payloads without calling the handler', async () => {
    const router = new MessageRouter();
    router.on('sync.nudge', async () => ({ accepted: true }));
    expect(await router.handle('hello', trusted)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await router.handle(envelope('sync.nudge', { kind: 'invoice', id: 1 }), trusted)).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await router.handle(envelope('nope'), trusted)).toMatchObject({
      ok: false,
      error: { code: 'unknown_message' },
    });
  });

  it('strips keys a reply schema does not declare (a token can never leak through a reply)', async () => {
    const router = new MessageRouter();
    router.on('sync.nudge', async () => ({ accepted: true, token: 'secret' }) as { accepted: boolean });
    const reply = await router.handle(envelope('sync.nudge', { kind: 'deal', id: 1 }), content);
    expect(JSON.stringify(reply)).not.toContain('secret');
  });

  it('shows user-facing errors and hides the text of unexpected ones', async () => {
    const router = new MessageRouter();
    router.on('sync.now', async () => {
      throw new UserFacingError('offline', 'Webasyst is not answering.');
    });
    router.on('sync.dismiss', async () => {
      throw new Error('GET https://x/api.php?access_token=abc failed');
    });
    expect(await router.handle(envelope('sync.now'), trusted)).toEqual({
      ok: false,
      error: { code: 'offline', message: 'Webasyst is not answering.' },
    });
    const hidden = await router.handle(envelope('sync.dismiss', { itemId: 'x' }), trusted);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('access_token');
  });
});

describe('senderInfo', () => {
  it('trusts only the extension’s own pages', () => {
    expect(
      senderInfo({ id: 'abc', url: 'chrome-extension://abc/popup.html' }, 'abc', 'chrome-extension://abc').trusted,
    ).toBe(true);
    expect(
      senderInfo({ id: 'abc', url: 'https://shop.example/webasyst/', tab: { id: 2 } }, 'abc', 'chrome-extension://abc')
        .trusted,
    ).toBe(false);
    expect(
      senderInfo({ id: 'evil', url: 'chrome-extension://evil/x.html' }, 'abc', 'chrome-extension://abc').trusted,
    ).toBe(false);
  });
});
