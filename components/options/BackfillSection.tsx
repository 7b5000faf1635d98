import { useEffect } from 'preact/hooks';
import type { SettingsCatalog } from '@/utils/settings/catalog-view';
import type { BackfillRow } from '@/utils/backfill/model';
import { t } from './backfill-i18n';
import type { BackfillStore } from './backfill-store';

/**
 * "Existing orders": the backfill. The plan is shown before Start (order number beside the
 * deal it would be linked to: a link cannot be undone in Webasyst), then the progress, with
 * pause, resume, cancel and the CSV of what was done. Names are rendered as text, never markup.
 */
export function BackfillSection({ store, catalog }: { store: BackfillStore; catalog: SettingsCatalog | null }) {
  useEffect(() => {
    void store.refresh();
    return store.stop;
  }, [store]);
  const filters = store.filters.value;
  const plan = store.plan.value;
  const run = store.status.value.run;
  const active = run?.status === 'running' || run?.status === 'paused';
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((v) => v !== value);

  return (
    <section class="db-section" data-dealbridge="backfill" aria-labelledby="db-backfill-title">
      <h2 id="db-backfill-title">{t('title')}</h2>
      <p class="db-intro">{t('intro')}</p>
      <fieldset disabled={!catalog || active}>
        <legend>{t('states')}</legend>
        {(catalog?.states ?? []).map((s) => (
          <label key={s.id} class="db-check-option">
            <input
              type="checkbox"
              checked={filters.states.includes(s.id)}
              onChange={(e) => store.setFilters({ states: toggle(filters.states, s.id, e.currentTarget.checked) })}
            />{' '}
            {s.name}
          </label>
        ))}
        <p class="db-muted">{t('statesHint')}</p>
      </fieldset>
      <fieldset disabled={!catalog || active}>
        <legend>{t('storefronts')}</legend>
        {[...(catalog?.storefronts ?? []), ...apiStorefronts(catalog), { id: '', name: t('manualOrders') }].map((s) => (
          <label key={s.id} class="db-check-option">
            <input
              type="checkbox"
              checked={filters.storefronts.includes(s.id)}
              onChange={(e) =>
                store.setFilters({ storefronts: toggle(filters.storefronts, s.id, e.currentTarget.checked) })
              }
            />{' '}
            {s.name}
          </label>
        ))}
      </fieldset>
      <p>
        <label>
          {t('from')}{' '}
          <input
            type="date"
            value={filters.from ?? ''}
            disabled={active}
            onChange={(e) => store.setFilters({ from: e.currentTarget.value || null })}
          />
        </label>{' '}
        <label>
          {t('to')}{' '}
          <input
            type="date"
            value={filters.to ?? ''}
            disabled={active}
            onChange={(e) => store.setFilters({ to: e.currentTarget.value || null })}
          />
        </label>{' '}
        <span class="db-muted">{t('fromHint')}</span>
      </p>
      <p>
        <button
          type="button"
          class="db-button"
          data-dealbridge="backfill-show-plan"
          disabled={!catalog || active || plan.state === 'running'}
          onClick={() => void store.showPlan()}
        >
          {t('showPlan')}
        </button>{' '}
        {/* Start only after the plan was seen for these very filters. */}
        <button
          type="button"
          class="db-button db-primary"
          data-dealbridge="backfill-start"
          disabled={active || plan.state !== 'done'}
          onClick={() => void store.start()}
        >
          {t('start')}
        </button>
      </p>
      <div aria-live="polite">
        {plan.state === 'running' ? <p>{t('planning')}</p> : null}
        {plan.state === 'error' ? <p class="db-error-text">{t('planFailed', { message: plan.error ?? '' })}</p> : null}
        {store.error.value ? <p class="db-error-text">{t('failed', { message: store.error.value })}</p> : null}
      </div>
      {plan.state === 'done' && plan.view && !active ? <PlanList view={plan.view} /> : null}
      {run ? <Progress store={store} /> : null}
    </section>
  );
}

function PlanList({ view }: { view: NonNullable<BackfillStore['plan']['value']['view']> }) {
  return (
    <div data-dealbridge="backfill-plan">
      <p>{t('planSummary', { total: view.total, link: view.link, create: view.create, skip: view.skip })}</p>
      {view.rows.length ? <p class="db-muted">{t('planFirst', { count: view.rows.length })}</p> : null}
      {view.rows.length ? (
        <table class="db-preview">
          <thead>
            <tr>
              <th scope="col">{t('colOrder')}</th>
              <th scope="col">{t('colCustomer')}</th>
              <th scope="col">{t('colAction')}</th>
              <th scope="col">{t('colDeal')}</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr
                key={row.orderId}
                data-dealbridge="backfill-row"
                data-action={row.action}
                data-order-id={row.orderId}
                data-deal-id={row.dealId ?? ''}
              >
                <td>{row.orderNumber}</td>
                <td>{row.customer || '—'}</td>
                <td>{actionText(row)}</td>
                <td>{row.dealName ?? (row.dealId !== null ? `#${row.dealId}` : '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function actionText(row: BackfillRow): string {
  if (row.action === 'link') return t('actionLink');
  if (row.action === 'create') return t('actionCreate');
  return row.reason ? `${t('actionSkip')}: ${t(`reason_${row.reason}`)}` : t('actionSkip');
}

function Progress({ store }: { store: BackfillStore }) {
  const { run, leftMs } = store.status.value;
  if (!run) return null;
  const { counts, total } = run;
  return (
    <div data-dealbridge="backfill-status" data-status={run.status}>
      <p>
        <strong>{t(`status_${run.status}`)}</strong>
        {run.lastError ? <span class="db-error-text"> — {run.lastError}</span> : null}
      </p>
      <progress
        data-dealbridge="backfill-progress"
        data-done={counts.done}
        data-total={total}
        max={Math.max(total, 1)}
        value={Math.min(counts.done, Math.max(total, 1))}
      />
      <p>{t('progress', { ...counts, total })}</p>
      {run.status === 'running' && leftMs !== null ? (
        <p class="db-muted">{t('left', { time: duration(leftMs) })}</p>
      ) : null}
      <p>
        {run.status === 'running' ? (
          <button type="button" class="db-button" data-dealbridge="backfill-pause" onClick={() => void store.pause()}>
            {t('pause')}
          </button>
        ) : null}
        {run.status === 'paused' ? (
          <button type="button" class="db-button" data-dealbridge="backfill-resume" onClick={() => void store.resume()}>
            {t('resume')}
          </button>
        ) : null}{' '}
        {run.status === 'running' || run.status === 'paused' ? (
          <button type="button" class="db-button" data-dealbridge="backfill-cancel" onClick={() => void store.cancel()}>
            {t('cancel')}
          </button>
        ) : null}
        {run.status === 'done' || run.status === 'cancelled' ? (
          <button
            type="button"
            class="db-button"
            data-dealbridge="backfill-csv"
            onClick={() => void store.downloadCsv()}
          >
            {t('csv')}
          </button>
        ) : null}
      </p>
    </div>
  );
}

function duration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds >= 90 ? t('minutes', { count: Math.round(seconds / 60) }) : t('seconds', { count: seconds });
}

/**
 * An order made through the API (shop.order.add) always carries the installation's domain as
 * its storefront, whatever the request says: each domain of the storefronts is a choice too.
 */
function apiStorefronts(catalog: SettingsCatalog | null): Array<{ id: string; name: string }> {
  const hosts = new Set((catalog?.storefronts ?? []).map((s) => s.id.split('/')[0]).filter(Boolean));
  return [...hosts].map((host) => ({ id: host, name: t('apiOrders', { host }) }));
}
