import type { SyncItem } from '@/utils/messaging/models';
import { tSync } from './i18n';

export interface SyncItemsProps {
  pending: SyncItem[];
  problems: SyncItem[];
  onRetry: (itemId: string) => void;
  /** Whether this item's retry is under way. */
  isRetrying: (itemId: string) => boolean;
  /** Disables every retry button, e.g. while the surface waits for one. */
  busy?: boolean;
  /**
   * Opens Shop-Script's form for a problem's action. Without it the button is a link that
   * opens the order page in a new tab (where the order-page script opens the form).
   */
  onRunInShop?: (item: SyncItem) => void;
  /** Drops a problem for good (offered where the surface can take it back from the list). */
  onDismiss?: (itemId: string) => void;
}

/**
 * One order/deal pair's pending sync items and parked problems, each problem with a Retry.
 * Each surface styles the `db-sync*` classes in its own look.
 */
export function SyncItems({
  pending,
  problems,
  onRetry,
  isRetrying,
  busy = false,
  onRunInShop,
  onDismiss,
}: SyncItemsProps) {
  if (!pending.length && !problems.length) return null;
  return (
    <div class="db-sync" data-dealbridge="sync-items">
      {problems.length > 0 && (
        <section>
          <h4 class="db-sync-title db-sync-problems">{tSync('problems', { count: problems.length })}</h4>
          <ul>
            {problems.map((item) => (
              <li key={item.id} class="db-sync-item" data-dealbridge="sync-problem">
                <div>{item.effect}</div>
                {item.problem && <div class="db-sync-hint">{item.problem}</div>}
                <div class="db-sync-hint">{item.reason}</div>
                <RunInShop item={item} onRun={onRunInShop} />
                <button
                  type="button"
                  class="db-sync-retry"
                  disabled={busy || isRetrying(item.id)}
                  onClick={() => onRetry(item.id)}
                  data-dealbridge="sync-retry"
                >
                  {isRetrying(item.id) ? tSync('retrying') : tSync('retry')}
                </button>
                {onDismiss && (
                  <button
                    type="button"
                    class="db-sync-retry db-sync-dismiss"
                    disabled={busy || isRetrying(item.id)}
                    onClick={() => onDismiss(item.id)}
                    data-dealbridge="sync-dismiss"
                  >
                    {tSync('dismiss')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {pending.length > 0 && (
        <section>
          <h4 class="db-sync-title">{tSync('pending', { count: pending.length })}</h4>
          <ul>
            {pending.map((item) => (
              <li key={item.id} class="db-sync-item" data-dealbridge="sync-pending">
                <div>{item.effect}</div>
                <div class="db-sync-hint">{item.reason}</div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** "Run “Paid” on order #1007": Shop-Script's own form for the action, one click away. */
export function RunInShop({ item, onRun }: { item: SyncItem; onRun?: (item: SyncItem) => void }) {
  const run = item.runInShop;
  if (!run || !/^https?:\/\//i.test(run.url) || item.orderId === null) return null;
  const label = tSync('runInShop', { action: run.actionName, order: item.orderNumber ?? '' });
  return (
    <a
      class="db-sync-run"
      href={run.url}
      target={onRun ? undefined : '_blank'}
      rel="noopener noreferrer"
      data-dealbridge="run-in-shop"
      data-order-id={item.orderId}
      data-action-id={run.actionId}
      onClick={(event) => {
        if (!onRun) return;
        event.preventDefault();
        onRun(item);
      }}
    >
      {label}
    </a>
  );
}
