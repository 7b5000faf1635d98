import type { SyncItem } from '@/utils/messaging/models';
import { t } from './i18n';
import { absoluteTime, duration } from './format';
import { safeHref } from './urls';
import { RunInShop } from '../sync-items/SyncItems';

interface Props {
  problems: SyncItem[];
  total: number;
  now: number;
  busy: ReadonlySet<string>;
  onRetry(id: string): void;
  onDismiss(id: string): void;
}

/** What needs a person: what, why, how long it has waited; retry, dismiss, or open the order or deal. */
export function ProblemList({ problems, total, now, busy, onRetry, onDismiss }: Props) {
  if (total === 0) return null;
  return (
    <section class="db-problems" data-dealbridge="problems" data-count={total}>
      <h2>{t('problemsTitle', { count: total })}</h2>
      <ul>
        {problems.map((item) => {
          const order = safeHref(item.orderUrl);
          const deal = safeHref(item.dealUrl);
          return (
            <li key={item.id} class="db-problem" data-dealbridge="problem" data-item-id={item.id}>
              <div class="db-problem__what">
                <strong>{item.effect}</strong>
                {item.dealName ? <span> · {item.dealName}</span> : null}
              </div>
              {item.problem ? <div class="db-problem__why">{item.problem}</div> : null}
              <div class="db-muted">{item.reason}</div>
              <div class="db-muted" data-dealbridge="waited">
                <span title={absoluteTime(item.since)}>
                  {t('waitingFor', { duration: duration(now - item.since) })}
                </span>
                {item.attempts > 0 ? ` · ${t('attempts', { count: item.attempts })}` : null}
              </div>
              <div class="db-actions">
                <RunInShop item={item} />
                <button
                  type="button"
                  class="db-button"
                  data-dealbridge="retry"
                  disabled={busy.has(`retry:${item.id}`)}
                  onClick={() => onRetry(item.id)}
                >
                  {t('retry')}
                </button>
                <button
                  type="button"
                  class="db-button"
                  data-dealbridge="dismiss"
                  disabled={busy.has(`dismiss:${item.id}`)}
                  onClick={() => onDismiss(item.id)}
                >
                  {t('dismiss')}
                </button>
                {order ? (
                  <a
                    class="db-link"
                    href={order}
                    target="_blank"
                    rel="noopener noreferrer"
                    data-dealbridge="open-order"
                  >
                    {t('openOrder', { number: item.orderNumber ?? `#${item.orderId ?? ''}` })}
                  </a>
                ) : null}
                {deal ? (
                  <a class="db-link" href={deal} target="_blank" rel="noopener noreferrer" data-dealbridge="open-deal">
                    {t('openDeal')}
                  </a>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
