// What the order renderers need, already resolved from the simulator's state (names, colours,
// formatted numbers). Renderers stay pure functions of this model.

export type UiVersion = '2.0' | '1.3';

export interface OrderStateView {
  id: string;
  name: string;
  /** CSS colour of the state (Shop's `options.style.color`). */
  color: string;
  /** Shop's state icon classes, e.g. "icon16 ss confirmed". */
  icon: string;
  bold: boolean;
  italic: boolean;
}

export interface OrderActionView {
  id: string;
  name: string;
  /** Where Shop puts it: main buttons, or the sidebar / timeline links. */
  placement: 'button' | 'link';
  /** Button colour class ("yellow", "blue", …). */
  color: string;
  hasForm: boolean;
  /** Tooltip that says what the action does. */
  title: string;
  notifies: boolean;
}

interface OrderItemView {
  id: number;
  productId: number;
  name: string;
  sku: string;
  quantity: string;
  price: string;
  total: string;
  services: { id: number; name: string; quantity: string; price: string; total: string }[];
}

interface TimelineEntryView {
  when: string;
  actor: string;
  text: string;
  message: string | null;
}

export type CrmLinkView =
  | { kind: 'none' }
  | { kind: 'linked'; dealId: number; ownerName: string | null }
  | { kind: 'create'; orderId: number; contactId: number };

export interface OrderView {
  id: number;
  number: string;
  total: string;
  state: OrderStateView;
  stateWhen: string;
  stateWhenPrint: string;
  customer: {
    id: number;
    name: string;
    email: string | null;
    phone: string | null;
    phoneDisplay: string | null;
    orderCount: number;
  } | null;
  comment: string | null;
  address: string[];
  mapQuery: string | null;
  paid: { on: string } | null;
  paymentLink: string;
  items: OrderItemView[];
  subtotal: string;
  discount: string;
  shipping: string | null;
  tax: string | null;
  buttons: OrderActionView[];
  links: OrderActionView[];
  canComment: boolean;
  canEdit: boolean;
  timeline: TimelineEntryView[];
  crm: CrmLinkView;
  created: string;
  salesChannel: string | null;
  storefront: string | null;
  managers: { id: number; name: string; me: boolean }[];
}

export interface OrderListItemView {
  id: number;
  number: string;
  total: string;
  state: OrderStateView;
  customerName: string;
  created: string;
  paid: string | null;
}
