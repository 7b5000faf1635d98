import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import type { PanelPorts } from './controller';
import type { DealOrderReply } from './view';

/*
 * The deal page's side of its messages, validated with zod's tree-shakable "mini" build.
 * The shared client (utils/messaging/client.ts) validates with the full protocol table,
 * which brings all of zod and every feature's schemas into the content script (38 KB
 * gzip measured); these schemas mirror the few this page uses, and a unit test keeps them
 * accepting and rejecting exactly what the protocol's own schemas do.
 */
const wireErrorSchema = z.object({ code: z.string(), message: z.string() });

export const replyEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: wireErrorSchema }),
]);

// Refinements instead of z.int()/z.enum()/length checks: same rules, a smaller bundle.
const int = z.number().check(z.refine(Number.isInteger));
const nullableInt = z.nullable(int);
const oneOf = <const T extends string>(...values: T[]) => z.union(values.map((v) => z.literal(v)));
const nullableString = z.nullable(z.string());

export const syncItemMiniSchema = z.object({
  id: z.string(),
  status: oneOf('pending', 'problem'),
  orderId: nullableInt,
  orderNumber: nullableString,
  dealId: nullableInt,
  dealName: nullableString,
  effect: z.string(),
  reason: z.string(),
  problem: nullableString,
  since: z.number(),
  attempts: int,
  orderUrl: nullableString,
  dealUrl: nullableString,
});

const lineFields = { id: z.string(), name: z.string(), quantity: z.number(), price: z.number(), total: z.number() };

export const orderPanelMiniSchema = z.object({
  orderId: int,
  number: z.string(),
  url: z.string(),
  state: z.object({ id: z.string(), name: z.string(), color: nullableString }),
  paidAt: nullableString,
  currency: z.string(),
  items: z.array(z.object({ ...lineFields, sku: nullableString, services: z.array(z.object(lineFields)) })),
  subtotal: z.number(),
  discount: z.number(),
  shipping: z.number(),
  tax: z.number(),
  total: z.number(),
});

export const dealOrderMiniSchema = z.object({
  linked: z.boolean(),
  order: z.nullable(orderPanelMiniSchema),
  orderError: z.nullable(wireErrorSchema),
  pending: z.array(syncItemMiniSchema),
  problems: z.array(syncItemMiniSchema),
});

const ackSchema = z.object({ accepted: z.boolean() });
const positive = z.number().check(z.refine((n) => Number.isInteger(n) && n > 0));
const requests = {
  'deal.order': z.object({ dealId: positive }),
  'sync.retry': z.object({ itemId: z.string().check(z.refine((s) => s.length >= 1 && s.length <= 100)) }),
  'sync.nudge': z.object({ kind: oneOf('order', 'deal'), id: positive }),
};

/** A failure the background reported (or the extension being gone), with a stable code. */
export class PanelMessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PanelMessageError';
  }
}

async function request<T>(type: keyof typeof requests, payload: unknown, response: z.ZodMiniType<T>): Promise<T> {
  const checked = requests[type].parse(payload);
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ dealbridge: 1, type, payload: checked });
  } catch (error) {
    const invalidated = /context invalidated/i.test(error instanceof Error ? error.message : String(error));
    throw new PanelMessageError('extension_unavailable', invalidated ? 'Dealbridge was updated or reloaded. Reload this page.' : 'Dealbridge’s background is not answering.');
  }
  const reply = replyEnvelopeSchema.safeParse(raw);
  if (!reply.success) throw new PanelMessageError('bad_reply', 'Dealbridge’s background sent an unreadable reply.');
  if (!reply.data.ok) throw new PanelMessageError(reply.data.error.code, reply.data.error.message);
  const data = response.safeParse(reply.data.data);
  if (!data.success) throw new PanelMessageError('bad_reply', `Dealbridge’s background sent an unexpected reply to ${type}.`);
  return data.data;
}

export const messagePorts: PanelPorts = {
  loadDealOrder: (dealId) => request<DealOrderReply>('deal.order', { dealId }, dealOrderMiniSchema),
  retry: async (itemId) => {
    await request('sync.retry', { itemId }, ackSchema);
  },
  nudge: async (dealId) => {
    await request('sync.nudge', { kind: 'deal', id: dealId }, ackSchema);
  },
};
