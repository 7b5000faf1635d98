import type { Response } from '@/utils/messaging/content-client';
import type { PanelView } from './view';

/** The deal panel's state, shared by deal-page.js (./controller.ts) and the panel's second script. */

export type OrderChoices = Response<'deal.orderChoices'>;

/** "Link an order" on an unlinked deal (drawn and driven by the panel's second script, ./link-order.ts). */
export type LinkOrderState =
  | { status: 'closed' }
  | { status: 'loading' }
  | { status: 'error'; problem: Problem }
  | {
      status: 'ready';
      choices: OrderChoices;
      /** The order picked, shown beside the deal's name until "Link" or "Back". */
      chosen: number | null;
      busy: boolean;
      problem: Problem | null;
    };

export interface Problem {
  code: string;
  message: string;
  /** The order a refusal is about, and the deal it got meanwhile, for the message. */
  orderNumber?: string;
  dealName?: string;
}

export interface DealPanelState {
  view: PanelView;
  /** Sync items whose retry is under way. */
  retrying: readonly string[];
  link: LinkOrderState;
}

/** What the panel's second script may do with the controller (./controller.ts implements it). */
export interface MoreHost {
  get(): DealPanelState;
  subscribe(listener: (state: DealPanelState) => void): () => void;
  reload(): void;
  retry(itemId: string): void;
  /** "Link an order" opens (the second script then reads the choices) or closes. */
  openPicker(open: boolean): void;
  /** An order was linked to this deal: show it at once. */
  linked(): void;
  setLink(link: LinkOrderState): void;
  /** The deal shown now, and whether it still is (replies for a deal the page left are dropped). */
  current(): { dealId: number; isCurrent: () => boolean } | null;
}
