import type { SyncItem, SyncStatus } from '@/utils/messaging/models';
import { t } from './i18n';
import { absoluteTime, ago, atTime, duration, fromNow } from './format';

/**
 * Why a waiting item waits, as the sync core tells (SyncItem.waitReason): Webasyst answered
 * 429 (`rate_limited`), a try failed and is repeated (`retry`), or a write's reply was lost
 * and it is read again before anything else (`checking_write`).
 */
type WaitReason = NonNullable<SyncItem['waitReason']>;

/** A waiting item; each part of why it waits is shown when present. */
export type WaitingItem = SyncItem;

interface Props {
  status: SyncStatus;
  pending: WaitingItem[];
  now: number;
  busy: ReadonlySet<string>;
  onSyncNow(): void;
  onSetPaused(paused: boolean): void;
}

const PENDING_SHOWN = 5;
const WAIT_TEXT: Record<WaitReason, () => string> = {
  rate_limited: () => t('wait_rate_limited'),
  retry: () => t('wait_retry'),
  checking_write: () => t('wait_checking_write'),
};

/** Last and next sync, what is waiting and why, and the two controls a manager needs: sync now and pause. */
export function SyncPanel({ status, pending, now, busy, onSyncNow, onSetPaused }: Props) {
  const connected = status.connection !== null;
  const next = status.nextSyncAt && !status.paused ? fromNow(status.nextSyncAt, now) : null;
  const summary = summarize(status);
  return (
    <section
      class="db-sync"
      data-dealbridge="sync"
      data-paused={String(status.paused)}
      data-syncing={String(status.syncing)}
    >
      <div class="db-sync__times">
        {status.syncing ? (
          <span>{t('syncing')}</span>
        ) : status.lastSyncAt ? (
          // The time of a failed cycle is the time of its failure: one sentence, not two that seem to disagree.
          <span class={status.lastError ? 'db-error' : undefined} title={absoluteTime(status.lastSyncAt)}>
            {t(status.lastError ? 'lastSyncFailed' : 'lastSync', { ago: ago(status.lastSyncAt, now) })}
          </span>
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
      {status.lastError ? (
        <div class="db-error" data-dealbridge="sync-error">
          {status.lastSyncAt && !status.syncing ? status.lastError : t('syncError', { message: status.lastError })}
        </div>
      ) : null}
      <div
        class="db-sync__pending"
        data-dealbridge="pending"
        data-count={status.pendingCount}
        data-state={summary.state}
      >
        {summary.text}
      </div>
      {pending.length > 0 ? (
        <ul class="db-pending-list">
          {pending.slice(0, PENDING_SHOWN).map((item) => (
            <PendingItem key={item.id} item={item} paused={status.paused} now={now} />
          ))}
          {status.pendingCount > PENDING_SHOWN ? (
            <li class="db-muted">{t('andMore', { count: status.pendingCount - PENDING_SHOWN })}</li>
          ) : null}
        </ul>
      ) : null}
      <div class="db-actions">
        {/* While paused a sync would not run: Resume is the way forward, so it leads. With a
            refused token "Connect again" leads; "Sync now" stays at hand to check the token again. */}
        <button
          type="button"
          class={
            status.paused || status.connection?.health === 'auth_error' ? 'db-button' : 'db-button db-button--primary'
          }
          data-dealbridge="sync-now"
          disabled={!connected || status.paused || busy.has('sync-now')}
          title={status.paused ? t('syncNowPaused') : undefined}
          onClick={onSyncNow}
        >
          {t('syncNow')}
        </button>
        <button
          type="button"
          class={status.paused ? 'db-button db-button--primary' : 'db-button'}
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

/** A waiting item: what it does, why it waits and when it is tried next, how long it has waited. */
function PendingItem({ item, paused, now }: { item: WaitingItem; paused: boolean; now: number }) {
  return (
    <li data-dealbridge="pending-item" data-item-id={item.id} title={item.reason}>
      <div>
        {item.effect}
        {item.orderNumber ? <span class="db-muted"> · {item.orderNumber}</span> : null}
      </div>
      <div class="db-wait" data-dealbridge="wait">
        {waitText(item, paused, now)}
      </div>
      <div class="db-muted" data-dealbridge="waited">
        <span title={absoluteTime(item.since)}>{t('waitingFor', { duration: duration(now - item.since) })}</span>
        {item.attempts > 0 ? ` · ${t('attempts', { count: item.attempts })}` : null}
      </div>
      {item.lastError ? (
        <div class="db-muted db-wait__error" data-dealbridge="wait-error">
          {t('lastError', { message: item.lastError })}
        </div>
      ) : null}
    </li>
  );
}

/** "Webasyst asked to slow down; next try at 14:05", or the best that the item's fields tell. */
function waitText(item: WaitingItem, paused: boolean, now: number): string {
  if (paused) return t('waitsWhilePaused');
  // A reason this popup does not know yet (a newer sync core) is left out rather than guessed.
  const reason = item.waitReason && Object.hasOwn(WAIT_TEXT, item.waitReason) ? WAIT_TEXT[item.waitReason]() : null;
  const next =
    typeof item.nextTryAt === 'number'
      ? item.nextTryAt - now >= 1000
        ? t('nextTry', { at: atTime(item.nextTryAt, now) })
        : t('nextTryWithSync')
      : null;
  if (reason && next) return `${reason}; ${next}`;
  if (reason) return reason;
  if (next) return next.charAt(0).toUpperCase() + next.slice(1);
  return item.attempts > 0 ? t('waitsAfterFailure') : t('waitsForSync');
}
