import type { z } from 'zod';
import { envelopeSchema, type Reply, type WireError } from './define';
import { protocol, type MessageType, type Protocol } from './protocol';

export interface SenderInfo {
  /** True for the extension's own pages and the background; false for content scripts. */
  trusted: boolean;
  tabId: number | null;
  url: string | null;
}

type Handler<T extends MessageType> = (
  payload: z.output<Protocol[T]['request']>,
  sender: SenderInfo,
) => Promise<z.input<Protocol[T]['response']>> | z.input<Protocol[T]['response']>;

/** An error whose message is safe to show to the user. */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/**
 * The background's message router: parses every envelope and payload, refuses privileged
 * messages from content scripts, validates the reply, and never lets an exception's raw
 * text (which might echo a URL with a token) reach a content script.
 */
export class MessageRouter {
  private handlers = new Map<string, Handler<MessageType>>();

  on<T extends MessageType>(type: T, handler: Handler<T>): void {
    if (this.handlers.has(type)) throw new Error(`Handler for ${type} registered twice`);
    this.handlers.set(type, handler as unknown as Handler<MessageType>);
  }

  /** The message types that have a handler. */
  handledTypes(): string[] {
    return [...this.handlers.keys()];
  }

  async handle(raw: unknown, sender: SenderInfo): Promise<Reply> {
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) return fail({ code: 'bad_request', message: 'Not a Dealbridge message.' });
    const type = envelope.data.type as MessageType;
    const def = Object.hasOwn(protocol, type) ? protocol[type] : undefined;
    const handler = this.handlers.get(type);
    if (!def || !handler) return fail({ code: 'unknown_message', message: `Unknown message ${type}.` });
    if (def.audience === 'extension' && !sender.trusted) {
      return fail({ code: 'forbidden', message: `${type} is only for Dealbridge’s own pages.` });
    }
    const payload = def.request.safeParse(envelope.data.payload);
    if (!payload.success) {
      return fail({
        code: 'bad_request',
        message: `Invalid ${type}: ${payload.error.issues[0]?.message ?? 'bad payload'}`,
      });
    }
    try {
      const result = await handler(payload.data, sender);
      const reply = def.response.safeParse(result);
      if (!reply.success)
        return fail({ code: 'internal', message: `Dealbridge produced an invalid reply to ${type}.` });
      return { ok: true, data: reply.data };
    } catch (error) {
      if (error instanceof UserFacingError) return fail({ code: error.code, message: error.message });
      const described = describeError(error);
      return fail(described);
    }
  }
}

/** Errors that know how to describe themselves to users expose `toWire()`. */
function describeError(error: unknown): WireError {
  if (error && typeof error === 'object' && 'toWire' in error && typeof error.toWire === 'function') {
    return error.toWire() as WireError;
  }
  return { code: 'internal', message: 'Something went wrong inside Dealbridge. Details are in the extension’s log.' };
}

function fail(error: WireError): Reply {
  return { ok: false, error };
}

/** Decides whether a runtime.onMessage sender is the extension itself. */
export function senderInfo(
  sender: { id?: string; url?: string; tab?: { id?: number } },
  extensionId: string,
  extensionOrigin: string,
): SenderInfo {
  const url = sender.url ?? null;
  // Content scripts share our extension id, so the page URL is what tells them apart.
  const trusted = sender.id === extensionId && url !== null && url.startsWith(extensionOrigin);
  return { trusted, tabId: sender.tab?.id ?? null, url };
}
