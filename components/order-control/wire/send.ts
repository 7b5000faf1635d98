import { browser } from 'wxt/browser';
import type { z } from 'zod';
import type { Protocol } from '@/utils/messaging/protocol';
import { replies, type Reply, type ReplyType } from './replies';
import { boolean, object, safeCheck, string, type Check } from '@/utils/validate/tiny';

/** A failure the background reported (or the extension being gone), with a stable code. */
export class WireError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WireError';
  }
}

const envelope = object({ ok: boolean });
const failure = object({ error: object({ code: string, message: string }) });

/**
 * The content script's `send`: the same wire format as utils/messaging/client.ts, but
 * replies are checked with the small validators in ./replies instead of zod (size).
 * The background's router still validates every request with the zod schemas.
 */
export async function request<T extends ReplyType>(type: T, payload: z.input<Protocol[T]['request']>): Promise<Reply<T>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ dealbridge: 1, type, payload });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new WireError('extension_unavailable', /context invalidated/i.test(text) ? 'reload_page' : 'background_silent');
  }
  const head = safeCheck(envelope, raw);
  if (!head.ok) throw new WireError('bad_reply', 'unreadable reply');
  if (!head.value.ok) {
    const error = safeCheck(failure, raw);
    if (!error.ok) throw new WireError('bad_reply', 'unreadable error');
    throw new WireError(error.value.error.code, error.value.error.message);
  }
  const data = safeCheck(replies[type] as Check<unknown>, (raw as { data?: unknown }).data);
  if (!data.ok) throw new WireError('bad_reply', `unexpected reply to ${type}`);
  return data.value as Reply<T>;
}
