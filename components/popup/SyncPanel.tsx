import type { SyncItem, SyncStatus } from '@/utils/messaging/models';
import { t } from './i18n';
import { absoluteTime, ago, fromNow } from './format';

interface Props {
  status: SyncStatus;
  pending: SyncItem[];
  now: number;
  busy: ReadonlySet<string>;
  onSyncNow(): void;
  onSetPaused(paused: boolean): void;
}

const PENDING_SHOWN = 5;

/** Last and next sync, what is waiting, and the two controls a manager needs: sync now and pause. */
export function SyncPanel({ status, pending, now, busy, onSyncNow, onSetPaused }: Props) {
  const connected = status.connection !== null;
  const next = status.nextSyncAt && !status.paused ? fromNow(status.nextSyncAt, now) : null;
  const summary = summarize(status);
  return (
    <section class="db-sync" data-dealbridge="sync" data-paused={String(status.paused)} data-syncing={String(status.syncing)}>
      <div class="db-sync__times">
        {status.syncing ? (
          <span>{t('syncing')}</span>
        ) : status.lastSyncAt ? (
          <span title={absoluteTime(status.lastSyncAt)}>{t('lastSync', { ago: ago(status.lastSyncAt, now) })}</span>
        ) : (
          <span>{t('neverSynced')}</span>
        )}
        {status.nextSyncAt && !status.paused ? (
          <span class="db-muted" title={absoluteTime(status.nextSyncAt)}>
            {' · '}
            {next ? t('nextSync', { in: next }) : t('nextSyncDue')}
          </span>
        ) : null}
      </div>
      {status.paused ? <div class="db-warning">{t('paused')}</div> : null}
      {connected ? (
        <div class="db-muted" data-dealbridge="runner" data-runner={String(status.runsAutomaticSync)}>
          {status.runsAutomaticSync ? t('runner') : t('notRunner')}
        </div>
      ) : null}
      {status.lastError ? <div class="db-error">{t('syncError', { message: status.lastError })}</div> : null}
      <div class="db-sync__pending" data-dealbridge="pending" data-count={status.pendingCount} data-state={summary.state}>
        {summary.text}
      </div>
      {pending.length > 0 ? (
        <ul class="db-pending-list">
          {pending.slice(0, PENDING_SHOWN).map((item) => (
            <li key={item.id} data-dealbridge="pending-item" title={item.reason}>
              {item.effect}
              {item.orderNumber ? <span class="db-muted"> · {item.orderNumber}</span> : null}
            </li>
          ))}
          {status.pendingCount > PENDING_SHOWN ? (
            <li class="db-muted">{t('andMore', { count: status.pendingCount - PENDING_SHOWN })}</li>
          ) : null}
        </ul>
      ) : null}
      <div class="db-actions">
        <button type="button" class="db-button db-button--primary" data-dealbridge="sync-now" disabled={!connected || busy.has('sync-now')} onClick={onSyncNow}>
          {t('syncNow')}
        </button>
        <button
          type="button"
          class="db-button"
          data-dealbridge="pause"
          aria-pressed={status.paused}
          disabled={busy.has('pause')}
          onClick={() => onSetPaused(!status.paused)}
        >
          {status.paused ? t('resume') : t('pause')}
        </button>
      </div>
    </section>
  );
}

/**
 * One line that never contradicts the rest of the popup: "All in step" only when nothing
 * waits, nothing needs a person, Webasyst answers and a sync has finished without error;
 * otherwise it says what is waiting and how many problems need the user.
 */
function summarize(status: SyncStatus): { text: string; state: 'in-step' | 'quiet' | 'waiting' | 'problems' } {
  const waiting = status.pendingCount > 0 ? t('pendingCount', { count: status.pendingCount }) : t('nothingWaiting');
  if (status.problemCount > 0) {
    return { text: `${waiting} · ${t('problemsNeedYou', { count: status.problemCount })}`, state: 'problems' };
  }
  if (status.pendingCount > 0) return { text: waiting, state: 'waiting' };
  const verified =
    status.connection?.health === 'ok' && !status.paused && status.lastSyncAt !== null && !status.lastError;
  return verified ? { text: t('allInStep'), state: 'in-step' } : { text: waiting, state: 'quiet' };
}
