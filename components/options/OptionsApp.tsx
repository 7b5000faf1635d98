import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { BackfillSection } from './BackfillSection';
import { createBackfillStore, type BackfillStore } from './backfill-store';
import { AutoCreateSection, NewDealSection } from './AutoCreateSection';
import { GeneralSection } from './GeneralSection';
import { MappingEditor } from './MappingEditor';
import { PreviewSection } from './PreviewSection';
import { SaveBar } from './SaveBar';
import { TransferSection } from './TransferSection';
import { namer } from './describe';
import { t } from './i18n';
import type { OptionsStore } from './store';

/**
 * The options page: connection first, then everything that needs the live installation
 * (mapping, automatic creation, new-deal defaults, preview, existing orders), then sync settings and
 * import/export, which work without a connection. The connection section is the
 * connection feature's own component, passed in by the entrypoint.
 */
export function OptionsApp({
  store,
  connection,
  backfill: given,
}: {
  store: OptionsStore;
  connection?: ComponentChildren;
  backfill?: BackfillStore;
}) {
  const backfill = useMemo(() => given ?? createBackfillStore(), [given]);
  useEffect(() => {
    void store.load();
    void store.loadCatalog();
    return store.startWatching();
  }, [store]);

  // A new connection (or a disconnect) changes what the installation offers.
  const baseUrl = store.saved.value?.baseUrl;
  useEffect(() => {
    if (store.saved.value) void store.loadCatalog();
  }, [baseUrl]);

  useEffect(() => {
    const guard = (event: BeforeUnloadEvent) => {
      if (!store.dirty.value) return;
      event.preventDefault();
      event.returnValue = '';
    };
    const refreshWhenBack = () => {
      if (store.catalogState.value === 'not_connected' || store.catalogState.value === 'error')
        void store.loadCatalog();
    };
    window.addEventListener('beforeunload', guard);
    window.addEventListener('focus', refreshWhenBack);
    return () => {
      window.removeEventListener('beforeunload', guard);
      window.removeEventListener('focus', refreshWhenBack);
    };
  }, [store]);

  const draft = store.draft.value;
  const catalog = store.catalog.value;
  const names = namer(catalog);
  const onEdit = store.edit;

  return (
    <div class="db-options" data-dealbridge="options">
      <header>
        <h1>{t('pageTitle')}</h1>
      </header>
      <main>
        <section class="db-section" data-dealbridge="connection-slot" aria-label={t('connectionSlot')}>
          {connection}
        </section>
        {store.loadError.value ? (
          <div role="alert" class="db-error-text">
            {t('loadFailed', { message: store.loadError.value })}{' '}
            <button type="button" class="db-button" onClick={() => void store.load()}>
              {t('tryAgain')}
            </button>
          </div>
        ) : null}
        {!draft ? (
          store.loadError.value ? null : (
            <p aria-busy="true">{t('loading')}</p>
          )
        ) : (
          <>
            <CatalogStatus store={store} />
            {catalog ? (
              <>
                <MappingEditor
                  settings={draft}
                  catalog={catalog}
                  checks={store.checks.value}
                  names={names}
                  onEdit={onEdit}
                />
                <AutoCreateSection
                  settings={draft}
                  catalog={catalog}
                  checks={store.checks.value}
                  names={names}
                  onEdit={onEdit}
                />
                <NewDealSection
                  settings={draft}
                  catalog={catalog}
                  checks={store.checks.value}
                  names={names}
                  onEdit={onEdit}
                />
              </>
            ) : null}
            <PreviewSection store={store} disabled={!catalog} />
            <BackfillSection store={backfill} catalog={catalog} />
            <GeneralSection settings={draft} names={names} onEdit={onEdit} />
            <TransferSection store={store} />
          </>
        )}
      </main>
      {draft ? <SaveBar store={store} /> : null}
    </div>
  );
}

function CatalogStatus({ store }: { store: OptionsStore }) {
  const state = store.catalogState.value;
  return (
    <div aria-live="polite" data-dealbridge="catalog-status" data-state={state}>
      {state === 'loading' && !store.catalog.value ? <p>{t('catalogLoading')}</p> : null}
      {state === 'not_connected' ? <p>{t('catalogNeedsConnection')}</p> : null}
      {state === 'error' ? (
        <p class="db-error-text">{t('catalogFailed', { message: store.catalogError.value ?? '' })}</p>
      ) : null}
      {state === 'ready' || state === 'error' ? (
        <button
          type="button"
          class="db-button"
          data-dealbridge="catalog-reload"
          onClick={() => void store.loadCatalog(true)}
        >
          {t('reloadCatalog')}
        </button>
      ) : null}
    </div>
  );
}
