import type { DealPanelController } from './controller';

/**
 * How deal-page.js meets the panel's view, which the background injects into the same tab
 * when the page first shows a deal (keeps deal-page.js small: Preact, the texts and the
 * styles come with the view). Both run in the extension's isolated world, whose global the
 * page cannot see; the view's script leaves its module there under this name.
 */
export const VIEW_GLOBAL = 'dealbridgeDealPanelView';

export interface DealPanelViewModule {
  /** Renders the controller's state into `shadow` on every change; returns its unmount. */
  mount(shadow: ShadowRoot, controller: DealPanelController): () => void;
}

/** The view module the injected script left, if it ran in this world already. */
export function injectedView(): DealPanelViewModule | null {
  const value = (globalThis as Record<string, unknown>)[VIEW_GLOBAL] as Partial<DealPanelViewModule> | undefined;
  return value && typeof value.mount === 'function' ? (value as DealPanelViewModule) : null;
}
