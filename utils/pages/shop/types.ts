import type { PageDriver } from '../driver';

/** Shop-Script's backend UI versions that render the order page differently. */
export type ShopUi = '2.0' | '1.3';

/** What Webasyst's own CRM integration shows in the order sidebar. */
export type BuiltinCrmLink =
  /** The CRM app is not installed, or the user may not create deals: no link at all. */
  | { kind: 'absent' }
  /** "CRM deal": the order is linked to this deal. */
  | { kind: 'linked'; dealId: number }
  /** "Create deal in CRM": Webasyst knows no deal for this order. */
  | { kind: 'unlinked' };

/** What Webasyst's own "CRM deal" link shows. */
export interface BuiltinDealLink {
  url: string;
  ownerName: string | null;
}

/** The order the page shows right now, as read from its DOM. */
export interface OrderView {
  ui: ShopUi;
  orderId: number;
  /** Null for orders without a customer. */
  customerId: number | null;
  /** Workflow state id; only UI 2.0 puts it in the DOM. */
  stateId: string | null;
  /** `full` for `#/order/<id>/`, `split` when the order is open beside the orders list. */
  layout: 'full' | 'split';
  builtin: BuiltinCrmLink;
}

export interface OrderPageEvents {
  /** A (new or rebuilt) order block is on the page and the control is already in it. */
  order(view: OrderView): void;
  /** The user ran a workflow action on this order and the page rebuilt the order afterwards. */
  actionCompleted(orderId: number, actionId: string): void;
}

/**
 * One per UI version: the only code that knows Shop-Script's order-page selectors. `start`
 * follows the page: it keeps `host` among the order's action buttons and pushes the orders shown.
 */
export interface OrderPageDriver extends PageDriver<OrderPageEvents> {
  readonly ui: ShopUi;
  /** Presses the shown order's button for this action, opening Shop-Script's own form; false when there is none. */
  openActionForm(orderId: number, actionId: string): boolean;
  /**
   * Webasyst's own "Create deal in CRM" link of the shown order, if this order is shown and has
   * one (after Dealbridge links, ./builtin-link.ts turns it into the "CRM deal" link).
   */
  createDealLink(orderId: number): Element | null;
  /** Reads the order shown now, or null when no order block is on the page. */
  read(): OrderView | null;
}
