import type { SyncItem } from '@/utils/messaging/models';
import { t } from './i18n';

interface SyncItemsProps {
  pending: SyncItem[];
  problems: SyncItem[];
  onRetry: (itemId: string) => void;
  retrying: ReadonlySet<string>;
}

/** This order/deal pair's pending sync and parked problems, each problem with a Retry. */
export function SyncItems({ pending, problems, onRetry, retrying }: SyncItemsProps) {
  if (pending.length === 0 && problems.length === 0) return null;
  return (
    <div class="sync">
      {problems.length > 0 && (
        <>
          <div class="sync-title problem-title">{t('problems', { count: problems.length })}</div>
          <ul>
            {problems.map((item) => (
              <li key={item.id} class="problem" data-dealbridge="sync-problem">
                <div class="name">{item.effect}</div>
                {item.problem && <div class="small">{item.problem}</div>}
                <div class="muted small">{item.reason}</div>
                <button
                  type="button"
                  class="button"
                  disabled={retrying.has(item.id)}
                  onClick={() => onRetry(item.id)}
                  data-dealbridge="sync-retry"
                >
                  {retrying.has(item.id) ? t('retrying') : t('retry')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {pending.length > 0 && (
        <>
          <div class="sync-title">{t('pending', { count: pending.length })}</div>
          <ul>
            {pending.map((item) => (
              <li key={item.id} class="pending" data-dealbridge="sync-pending">
                <div>{item.effect}</div>
                <div class="muted small">{item.reason}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
