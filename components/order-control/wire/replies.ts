import { array, boolean, int, nullable, number, object, oneOf, positiveInt, string, type Infer } from '@/utils/validate/tiny';

/**
 * The content script's copies of the reply schemas it receives (see
 * utils/messaging/messages/order-page.ts and models.ts). A unit test checks that each one
 * accepts and rejects exactly what the zod schema does, and that the types are identical.
 */

export const dealSummary = object({
  id: positiveInt,
  name: string,
  funnelId: int,
  funnelName: string,
  funnelColor: nullable(string),
  stageId: int,
  stageName: string,
  stageColor: nullable(string),
  status: oneOf(['OPEN', 'WON', 'LOST'] as const),
  ownerName: nullable(string),
  amount: nullable(number),
  currency: nullable(string),
  createdAt: nullable(string),
  url: string,
});
export type DealSummaryReply = Infer<typeof dealSummary>;

export const syncItem = object({
  id: string,
  status: oneOf(['pending', 'problem'] as const),
  orderId: nullable(int),
  orderNumber: nullable(string),
  dealId: nullable(int),
  dealName: nullable(string),
  effect: string,
  reason: string,
  problem: nullable(string),
  since: number,
  attempts: int,
  orderUrl: nullable(string),
  dealUrl: nullable(string),
});
export type SyncItemReply = Infer<typeof syncItem>;

const person = object({ id: int, name: string });

export const replies = {
  'order.context': object({
    connected: boolean,
    deal: nullable(dealSummary),
    pending: array(syncItem),
    problems: array(syncItem),
  }),
  'order.pickerData': object({
    deals: array(dealSummary),
    funnels: array(
      object({
        id: int,
        name: string,
        color: nullable(string),
        isArchived: boolean,
        stages: array(object({ id: int, name: string, color: nullable(string) })),
      }),
    ),
    users: array(person),
    me: person,
    defaults: object({ funnelId: nullable(int), stageId: nullable(int) }),
  }),
  'order.checkLink': object({
    ok: boolean,
    reason: nullable(
      oneOf(['order_already_linked', 'deal_linked_elsewhere', 'deal_closed', 'deal_other_customer', 'deal_not_found', 'no_customer'] as const),
    ),
    linkedDeal: nullable(dealSummary),
  }),
  'order.linked': dealSummary,
  'sync.retry': object({ accepted: boolean }),
  'sync.nudge': object({ accepted: boolean }),
};

export type ReplyType = keyof typeof replies;
export type Reply<T extends ReplyType> = Infer<(typeof replies)[T]>;
export type PickerData = Reply<'order.pickerData'>;
export type OrderContext = Reply<'order.context'>;
