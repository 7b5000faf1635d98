import type { BackendLinkDeps, LinkOutcome, LinkRequest } from '@/utils/pages/shop/backend-link';
import type { replaceCreateDealLink } from '@/utils/pages/shop/builtin-link';
import type { OrderControlController } from './controller';

/**
 * How order-page.js meets the panel's script, which the background injects into the same
 * tab on the first open (keeps order-page.js small). Both run in the extension's isolated
 * world, whose global the page cannot see; the panel's script leaves its mount function
 * there under this name.
 */
export const PANEL_GLOBAL = 'dealbridgeOrderPanel';

export interface PanelModule {
  /** Renders the panel into `slot` (inside the control's shadow root); returns its unmount. */
  mount(slot: HTMLElement, controller: OrderControlController, onClose: () => void): () => void;
  /**
   * Links the order through Webasyst's backend endpoint with the page's session. Linking
   * starts only from the panel, so its client (and the reply's validator) ships here, not in
   * order-page.js.
   */
  link(deps: BackendLinkDeps, orderId: number, link: LinkRequest): Promise<LinkOutcome>;
  /** Webasyst's "Create deal in CRM" link becomes its "CRM deal" link (utils/pages/shop/builtin-link.ts). */
  replaceCreateDealLink: typeof replaceCreateDealLink;
}

/** The panel module the injected script left, if it ran in this world already. */
export function injectedPanel(): PanelModule | null {
  const value = (globalThis as Record<string, unknown>)[PANEL_GLOBAL] as Partial<PanelModule> | undefined;
  return value && typeof value.mount === 'function' ? (value as PanelModule) : null;
}
