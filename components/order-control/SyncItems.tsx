import type { OrderContext } from './controller';
import { tp } from './panel-i18n';

/** This order's pending sync items and problems, each problem with a retry. */
export function SyncItems({
  context,
  retrying,
  onRetry,
}: {
  context: OrderContext;
  retrying: string | null;
  onRetry: (itemId: string) => void;
}) {
  const { pending, problems } = context;
  if (!pending.length && !problems.length) return null;
  return (
    <div class="db-sync" data-dealbridge="sync-items">
      {problems.length > 0 && (
        <section>
          <h4 class="db-warn">{tp('problems', { count: problems.length })}</h4>
          <ul>
            {problems.map((item) => (
              <li key={item.id} data-dealbridge="sync-problem">
                <div>{item.effect}</div>
                {item.problem && <div class="db-hint">{item.problem}</div>}
                <button type="button" class="db-link-button" disabled={retrying !== null} onClick={() => onRetry(item.id)} data-dealbridge="sync-retry">
                  {retrying === item.id ? tp('retrying') : tp('retry')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {pending.length > 0 && (
        <section>
          <h4>{tp('pending', { count: pending.length })}</h4>
          <ul>
            {pending.map((item) => (
              <li key={item.id} data-dealbridge="sync-pending">
                <div>{item.effect}</div>
                <div class="db-hint">{item.reason}</div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
