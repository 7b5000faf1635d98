import type { ActivityEntry } from '@/utils/messaging/models';
import { describeActivity } from './activity-text';
import { t } from './i18n';
import { absoluteTime, ago } from './format';

interface Props {
  entries: ActivityEntry[];
  baseUrl: string | null;
  hasMore: boolean;
  now: number;
  busy: ReadonlySet<string>;
  onShowMore(): void;
  onExport(format: 'csv' | 'json'): void;
}

/** Each effect with its reason, newest first; older pages on request. */
export function ActivityList({ entries, baseUrl, hasMore, now, busy, onShowMore, onExport }: Props) {
  return (
    <section class="db-activity" data-dealbridge="activity" data-count={entries.length}>
      <h2>{t('activityTitle')}</h2>
      {entries.length === 0 ? <p class="db-muted">{t('noActivity')}</p> : null}
      <ol>
        {entries.map((entry) => (
          <li
            key={entry.id}
            class={`db-entry db-entry--${entry.outcome}`}
            data-dealbridge="activity-entry"
            data-kind={entry.kind}
            data-outcome={entry.outcome}
          >
            <time class="db-muted" dateTime={new Date(entry.at).toISOString()} title={absoluteTime(entry.at)}>
              {ago(entry.at, now)}
            </time>{' '}
            {describeActivity(entry, baseUrl).map((segment, index) =>
              segment.href ? (
                <a key={index} class="db-link" href={segment.href} target="_blank" rel="noopener noreferrer">
                  {segment.text}
                </a>
              ) : (
                <span key={index}>{segment.text}</span>
              ),
            )}
          </li>
        ))}
      </ol>
      <div class="db-actions">
        {hasMore ? (
          <button
            type="button"
            class="db-button"
            data-dealbridge="show-more"
            disabled={busy.has('show-more')}
            onClick={onShowMore}
          >
            {t('showMore')}
          </button>
        ) : null}
        <button
          type="button"
          class="db-button db-button--quiet"
          data-dealbridge="export-csv"
          disabled={busy.has('export:csv')}
          onClick={() => onExport('csv')}
        >
          {t('exportCsv')}
        </button>
        <button
          type="button"
          class="db-button db-button--quiet"
          data-dealbridge="export-json"
          disabled={busy.has('export:json')}
          onClick={() => onExport('json')}
        >
          {t('exportJson')}
        </button>
      </div>
    </section>
  );
}
