import type { SettingsCatalog } from '@/utils/settings/catalog-view';
import type { SettingsCheck } from '@/utils/settings/checks';
import type { AutoCreate, Settings } from '@/utils/settings/schema';
import { CheckList } from './CheckList';
import { checksForNewDeal, checksForStorefront, type Namer } from './describe';
import { autoCreateFor, removeAutoCreate, setAutoCreate, setNewDealFunnel } from './draft';
import { t } from './i18n';

interface Props {
  settings: Settings;
  catalog: SettingsCatalog;
  checks: SettingsCheck[];
  names: Namer;
  onEdit(change: (s: Settings) => Settings): void;
}

/** Per storefront (and "Manual order"): on/off, trigger, funnel, stage, owner — as Webasyst's "Automatic deal creation". */
export function AutoCreateSection({ settings, catalog, checks, names, onEdit }: Props) {
  const listed = new Set(catalog.storefronts.map((s) => s.id));
  const storefronts = [
    { id: '', name: t('manualOrder'), gone: false },
    ...catalog.storefronts.map((s) => ({ ...s, gone: false })),
    ...settings.autoCreate
      .filter((a) => a.storefront !== '' && !listed.has(a.storefront))
      .map((a) => ({ id: a.storefront, name: t('goneStorefront', { storefront: a.storefront }), gone: true })),
  ];
  return (
    <section class="db-section" data-dealbridge="auto-create" aria-labelledby="db-auto-title">
      <h2 id="db-auto-title">{t('autoTitle')}</h2>
      <p class="db-intro">{t('autoIntro')}</p>
      {storefronts.map((storefront, index) => (
        <StorefrontFieldset
          key={storefront.id}
          index={index}
          storefront={storefront}
          entry={autoCreateFor(settings, storefront.id)}
          catalog={catalog}
          checks={checksForStorefront(checks, storefront.id)}
          names={names}
          onEdit={onEdit}
        />
      ))}
    </section>
  );
}

function StorefrontFieldset(props: {
  index: number;
  storefront: { id: string; name: string; gone: boolean };
  entry: AutoCreate | null;
  catalog: SettingsCatalog;
  checks: SettingsCheck[];
  names: Namer;
  onEdit: Props['onEdit'];
}) {
  const { index, storefront, entry, catalog, checks, names, onEdit } = props;
  const base = `db-auto-${index}`;
  const enabled = entry?.enabled ?? false;
  const change = (patch: Partial<Omit<AutoCreate, 'storefront'>>) =>
    onEdit((s) => setAutoCreate(s, catalog, storefront.id, patch));
  const funnel = catalog.funnels.find((f) => f.id === entry?.funnelId) ?? null;
  return (
    <fieldset class="db-storefront" data-dealbridge="auto-create-storefront" data-storefront={storefront.id}>
      <legend>{storefront.name}</legend>
      <CheckList checks={checks} names={names} id={`${base}-checks`} />
      <label class="db-inline">
        <input
          type="checkbox"
          data-dealbridge="auto-create-enabled"
          checked={enabled}
          onChange={(e) => change({ enabled: e.currentTarget.checked })}
        />{' '}
        {t('enabled')}
      </label>
      {storefront.gone && !enabled ? (
        <button type="button" class="db-button" onClick={() => onEdit((s) => removeAutoCreate(s, storefront.id))}>
          {t('removeRules')}
        </button>
      ) : null}
      {enabled && entry ? (
        <div class="db-grid">
          <label for={`${base}-trigger`}>{t('createWhen')}</label>
          <select
            id={`${base}-trigger`}
            data-dealbridge="auto-create-trigger"
            value={entry.trigger}
            onChange={(e) => change({ trigger: e.currentTarget.value as AutoCreate['trigger'] })}
          >
            <option value="order_create">{t('triggerCreate')}</option>
            <option value="order_process">{t('triggerProcess')}</option>
          </select>
          <label for={`${base}-funnel`}>{t('funnel')}</label>
          <FunnelSelect
            id={`${base}-funnel`}
            catalog={catalog}
            value={entry.funnelId}
            onChange={(funnelId) => funnelId !== null && change({ funnelId })}
          />
          <label for={`${base}-stage`}>{t('stage')}</label>
          <StageSelect
            id={`${base}-stage`}
            funnel={funnel}
            value={entry.stageId}
            onChange={(stageId) => change({ stageId })}
          />
          <label for={`${base}-owner`}>{t('owner')}</label>
          <select
            id={`${base}-owner`}
            data-dealbridge="auto-create-owner"
            value={entry.ownerId === null ? '' : String(entry.ownerId)}
            onChange={(e) => change({ ownerId: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
          >
            <option value="">{catalog.me ? `${t('ownerDefault')} (${catalog.me.name})` : t('ownerDefault')}</option>
            {catalog.users.map((user) => (
              <option key={user.id} value={String(user.id)}>
                {user.name}
              </option>
            ))}
            {entry.ownerId !== null && !catalog.users.some((u) => u.id === entry.ownerId) ? (
              <option value={String(entry.ownerId)}>#{entry.ownerId}</option>
            ) : null}
          </select>
        </div>
      ) : null}
    </fieldset>
  );
}

function FunnelSelect({
  id,
  catalog,
  value,
  onChange,
  allowNone,
}: {
  id: string;
  catalog: SettingsCatalog;
  value: number | null;
  onChange(id: number | null): void;
  allowNone?: boolean;
}) {
  const unknown = value !== null && !catalog.funnels.some((f) => f.id === value);
  return (
    <select
      id={id}
      data-dealbridge="funnel-select"
      value={value === null ? '' : String(value)}
      onChange={(e) => onChange(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
    >
      {allowNone || value === null ? <option value="">{allowNone ? t('noDefault') : t('chooseFunnel')}</option> : null}
      {catalog.funnels.map((funnel) => (
        <option key={funnel.id} value={String(funnel.id)}>
          {funnel.isArchived ? `${funnel.name} ${t('archived')}` : funnel.name}
        </option>
      ))}
      {unknown ? <option value={String(value)}>#{value}</option> : null}
    </select>
  );
}

function StageSelect({
  id,
  funnel,
  value,
  onChange,
}: {
  id: string;
  funnel: SettingsCatalog['funnels'][number] | null;
  value: number | null;
  onChange(id: number): void;
}) {
  const stages = [...(funnel?.stages ?? [])].sort((a, b) => a.number - b.number);
  const unknown = value !== null && !stages.some((s) => s.id === value);
  return (
    <select
      id={id}
      data-dealbridge="stage-select"
      value={value === null ? '' : String(value)}
      disabled={!funnel}
      onChange={(e) => onChange(Number(e.currentTarget.value))}
    >
      {stages.map((stage) => (
        <option key={stage.id} value={String(stage.id)}>
          {stage.name}
        </option>
      ))}
      {unknown ? <option value={String(value)}>#{value}</option> : null}
    </select>
  );
}

/** The order page's "New deal" defaults. */
export function NewDealSection({ settings, catalog, checks, names, onEdit }: Props) {
  const funnel = catalog.funnels.find((f) => f.id === settings.newDeal.funnelId) ?? null;
  return (
    <section class="db-section" data-dealbridge="new-deal-defaults" aria-labelledby="db-newdeal-title">
      <h2 id="db-newdeal-title">{t('newDealTitle')}</h2>
      <p class="db-intro">{t('newDealIntro')}</p>
      <CheckList checks={checksForNewDeal(checks)} names={names} />
      <div class="db-grid">
        <label for="db-newdeal-funnel">{t('funnel')}</label>
        <FunnelSelect
          id="db-newdeal-funnel"
          catalog={catalog}
          allowNone
          value={settings.newDeal.funnelId}
          onChange={(funnelId) => onEdit((s) => setNewDealFunnel(s, catalog, funnelId))}
        />
        {settings.newDeal.funnelId !== null ? (
          <>
            <label for="db-newdeal-stage">{t('stage')}</label>
            <StageSelect
              id="db-newdeal-stage"
              funnel={funnel}
              value={settings.newDeal.stageId}
              onChange={(stageId) => onEdit((s) => ({ ...s, newDeal: { ...s.newDeal, stageId } }))}
            />
          </>
        ) : null}
      </div>
    </section>
  );
}
