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
}

/**
 * One order/deal pair's pending sync items and parked problems, each problem with a Retry.
 * Each surface styles the `db-sync*` classes in its own look.
 */
export function SyncItems({ pending, problems, onRetry, isRetrying, busy = false }: SyncItemsProps) {
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
                <button
                  type="button"
                  class="db-sync-retry"
                  disabled={busy || isRetrying(item.id)}
                  onClick={() => onRetry(item.id)}
                  data-dealbridge="sync-retry"
                >
                  {isRetrying(item.id) ? tSync('retrying') : tSync('retry')}
                </button>
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
