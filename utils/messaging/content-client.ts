import { browser } from 'wxt/browser';
import type { z } from 'zod';
import { parse, safeParse, SchemaError } from '../validate/json-schema';
import { reply as replyEnvelope, type ContentMessage } from './content-schemas.generated';
import type { Reply } from './define';
import type { MessageType, Protocol } from './protocol';

export type Request<T extends MessageType> = z.input<Protocol[T]['request']>;
export type Response<T extends MessageType> = z.output<Protocol[T]['response']>;

/** A failure the background reported (or the extension being gone), with a stable code for the UI. */
export class ContentMessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContentMessageError';
  }
}

/**
 * The content scripts' `send`: the wire format of client.ts, checked both ways, but with the
 * JSON Schemas generated from the protocol's zod schemas instead of zod itself, which would
 * be most of a content script's size. Takes the message (from content-schemas.generated.ts)
 * rather than its name, so that each script bundles only the schemas it uses.
 */
export async function send<T extends MessageType>(message: ContentMessage<T>, payload: Request<T>): Promise<Response<T>> {
  const { type } = message;
  let checked: unknown;
  try {
    checked = parse(message.request, payload);
  } catch (error) {
    if (error instanceof SchemaError) throw new ContentMessageError('bad_request', `Invalid ${type}: ${error.message}`);
    throw error;
  }
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ dealbridge: 1, type, payload: checked });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new ContentMessageError(
      'extension_unavailable',
      /context invalidated/i.test(text)
        ? 'Dealbridge was updated or reloaded. Reload this page.'
        : 'Dealbridge’s background is not answering. Reload this page or the extension.',
    );
  }
  const envelope = safeParse(replyEnvelope, raw);
  if (!envelope.ok) throw new ContentMessageError('bad_reply', 'Dealbridge’s background sent an unreadable reply.');
  const reply = envelope.value as Reply;
  if (!reply.ok) throw new ContentMessageError(reply.error.code, reply.error.message);
  const data = safeParse(message.response, reply.data);
  if (!data.ok) throw new ContentMessageError('bad_reply', `Dealbridge’s background sent an unexpected reply to ${type}.`);
  return data.value as Response<T>;
}
