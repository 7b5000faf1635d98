import { z } from 'zod';

/**
 * Who may send a message.
 * - `content`: content scripts on Webasyst pages (and extension pages). Never privileged.
 * - `extension`: only the extension's own pages (options, popup). Connect, settings, etc.
 */
export type Audience = 'content' | 'extension';

export interface MessageDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  audience: Audience;
  request: Req;
  response: Res;
}

export function defineMessage<Req extends z.ZodType, Res extends z.ZodType>(
  audience: Audience,
  request: Req,
  response: Res,
): MessageDef<Req, Res> {
  return { audience, request, response };
}

/** What travels over runtime.sendMessage. */
export const envelopeSchema = z.object({
  dealbridge: z.literal(1),
  type: z.string().min(1).max(64),
  payload: z.unknown(),
});

/** An error that crossed the message boundary: a stable code and a human message. */
const wireErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

export const replySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: wireErrorSchema }),
]);
export type Reply = z.infer<typeof replySchema>;
