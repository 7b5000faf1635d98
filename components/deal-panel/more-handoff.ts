import type { DealPanelState, MoreHost } from './state';
import type { LinkOrderPorts } from './link-order';

/**
 * How deal-page.js meets the deal panel's second script (entrypoints/deal-panel-more.ts),
 * which the background injects into the tab the first time the panel needs one of its
 * rarely shown parts: failures, sync items, the order picker. Both run in the extension's
 * isolated world, whose global the page cannot see; the script leaves its module there.
 */
export const MORE_GLOBAL = 'dealbridgeDealPanelMore';

export interface DealPanelMore {
  /**
   * Renders those parts into `slot` (in the panel's shadow root) on every state change;
   * returns its unmount. `ports` (tests) replace the page's messages and backend session.
   */
  mount(slot: HTMLElement, controller: MoreHost, ports?: LinkOrderPorts): () => void;
}

/** The module the injected script left in this world, if it ran already. */
export function injectedMore(): DealPanelMore | null {
  const value = (globalThis as Record<string, unknown>)[MORE_GLOBAL] as Partial<DealPanelMore> | undefined;
  return value && typeof value.mount === 'function' ? (value as DealPanelMore) : null;
}

/** Whether the state shows anything that only the second script draws. */
export function needsMore({ view, link }: DealPanelState): boolean {
  if (view.kind === 'error') return true;
  if (view.kind === 'unlinked') return link.status !== 'closed';
  if (view.kind !== 'ready') return false;
  const { data } = view;
  return view.refreshError || data.orderError !== null || data.pending.length > 0 || data.problems.length > 0;
}
