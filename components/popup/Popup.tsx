import { useEffect } from 'preact/hooks';
import { ActivityList } from './ActivityList';
import { ConnectionHealth, OptionsLink } from './ConnectionHealth';
import { ProblemList } from './ProblemList';
import { SyncPanel } from './SyncPanel';
import { t } from './i18n';
import type { PopupStore } from './store';

/** The popup: connection, sync, problems, activity. Data comes from the store; nothing here talks to the browser directly. */
export function Popup({ store }: { store: PopupStore }) {
  useEffect(() => {
    void store.refresh();
  }, [store]);

  const snapshot = store.snapshot.value;
  const now = store.now.value;
  const busy = store.busy.value;

  if (!snapshot) {
    return (
      <main class="db-popup" data-dealbridge="popup" aria-busy={!store.loadError.value}>
        {store.loadError.value ? (
          <div class="db-error" role="alert">
            {t('loadFailed', { message: store.loadError.value })}{' '}
            <button type="button" class="db-button" onClick={() => void store.refresh()}>
              {t('tryAgain')}
            </button>
          </div>
        ) : (
          <p class="db-muted">{t('loading')}</p>
        )}
      </main>
    );
  }

  const { status, pending, problems } = snapshot;
  return (
    <main class="db-popup" data-dealbridge="popup">
      <ConnectionHealth connection={status.connection} now={now} />
      {store.loadError.value ? (
        <div class="db-error" role="alert">
          {t('loadFailed', { message: store.loadError.value })}
        </div>
      ) : null}
      {store.actionError.value ? (
        <div class="db-error" role="alert" data-dealbridge="action-error">
          {store.actionError.value}
        </div>
      ) : null}
      <SyncPanel
        status={status}
        pending={pending}
        now={now}
        busy={busy}
        onSyncNow={() => void store.syncNow()}
        onSetPaused={(paused) => void store.setPaused(paused)}
      />
      <ProblemList
        problems={problems}
        total={status.problemCount}
        now={now}
        busy={busy}
        onRetry={(id) => void store.retry(id)}
        onDismiss={(id) => void store.dismiss(id)}
      />
      <ActivityList
        entries={store.activity.value}
        baseUrl={status.connection?.baseUrl ?? null}
        hasMore={store.hasMore.value}
        now={now}
        busy={busy}
        onShowMore={() => void store.showMore()}
        onExport={(format) => void store.exportLog(format)}
      />
      <footer class="db-footer">
        <OptionsLink label={t('options')} />
      </footer>
    </main>
  );
}
