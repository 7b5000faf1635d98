import { browser } from 'wxt/browser';
import type { z } from 'zod';
import { replySchema, type WireError } from './define';
import { protocol, type MessageType, type Protocol } from './protocol';

type Req<T extends MessageType> = z.input<Protocol[T]['request']>;
type Res<T extends MessageType> = z.output<Protocol[T]['response']>;

/** A failure reported by the background, with a stable code for the UI to branch on. */
export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
  static from(error: WireError) {
    return new MessageError(error.code, error.message);
  }
}

/**
 * Sends a typed request to the background and returns its validated reply.
 * Both directions go through the message's zod schemas.
 */
export async function send<T extends MessageType>(type: T, payload: Req<T>): Promise<Res<T>> {
  const def = protocol[type];
  const checked = def.request.parse(payload);
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ dealbridge: 1, type, payload: checked });
  } catch (error) {
    throw new MessageError('extension_unavailable', describeSendFailure(error));
  }
  const reply = replySchema.safeParse(raw);
  if (!reply.success) throw new MessageError('bad_reply', 'Dealbridge’s background sent an unreadable reply.');
  if (!reply.data.ok) throw MessageError.from(reply.data.error);
  const data = def.response.safeParse(reply.data.data);
  if (!data.success)
    throw new MessageError('bad_reply', `Dealbridge’s background sent an unexpected reply to ${type}.`);
  return data.data as Res<T>;
}

function describeSendFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/context invalidated/i.test(text)) return 'Dealbridge was updated or reloaded. Reload this page.';
  return 'Dealbridge’s background is not answering. Reload this page or the extension.';
}
