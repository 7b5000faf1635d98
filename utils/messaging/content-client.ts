import { browser } from 'wxt/browser';
import type { z } from 'zod';
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
 * The content scripts' `send`: the wire format of client.ts, typed at compile time. The
 * background's router validates both ways with zod (the request before any handler runs,
 * the reply before it leaves), so a content script does not carry the schemas, which would
 * be most of its size; it only checks that what came back is a reply envelope at all.
 */
export async function send<T extends MessageType>(type: T, payload: Request<T>): Promise<Response<T>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ dealbridge: 1, type, payload });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    // The pages word this code themselves; the message is for logs.
    throw new ContentMessageError(
      'extension_unavailable',
      /context invalidated/i.test(text) ? 'Reloaded: reload this page.' : 'Background not answering.',
    );
  }
  const unreadable = 'Unreadable reply.';
  if (!isRecord(raw) || typeof raw.ok !== 'boolean') throw new ContentMessageError('bad_reply', unreadable);
  if (raw.ok) return raw.data as Response<T>;
  const error = isRecord(raw.error) ? raw.error : {};
  throw new ContentMessageError(
    typeof error.code === 'string' ? error.code : 'bad_reply',
    typeof error.message === 'string' ? error.message : unreadable,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
