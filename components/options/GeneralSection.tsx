import { useState } from 'preact/hooks';
import type { Settings } from '@/utils/settings/schema';
import { t } from './i18n';
import type { Namer } from './describe';
import { FormChoice } from './MappingEditor';

/** Close rules, sync on/off and period, "this browser runs the automatic sync", notifications. */
export function GeneralSection({
  settings,
  names,
  onEdit,
}: {
  settings: Settings;
  names: Namer;
  onEdit(change: (s: Settings) => Settings): void;
}) {
  const sync = (patch: Partial<Settings['sync']>) => onEdit((s) => ({ ...s, sync: { ...s.sync, ...patch } }));
  const close = (patch: Partial<Settings['closeRules']>) =>
    onEdit((s) => ({ ...s, closeRules: { ...s.closeRules, ...patch } }));
  return (
    <section class="db-section" data-dealbridge="sync-settings" aria-labelledby="db-general-title">
      <h2 id="db-general-title">{t('generalTitle')}</h2>
      <fieldset>
        <legend>{t('closeRulesLegend')}</legend>
        <label class="db-inline">
          <input
            type="checkbox"
            data-dealbridge="close-won"
            checked={settings.closeRules.wonCompletes}
            onChange={(e) => close({ wonCompletes: e.currentTarget.checked })}
          />{' '}
          {t('wonCompletes')}
        </label>
        <FormChoice
          id="db-close-won-form"
          actionId="complete"
          close="won"
          label={t('closeFormFor', { action: names.action('complete') })}
          value={settings.closeRules.wonFormChoice}
          disabled={!settings.closeRules.wonCompletes}
          onChange={(wonFormChoice) => close({ wonFormChoice })}
        />
        <label class="db-inline">
          <input
            type="checkbox"
            data-dealbridge="close-lost"
            checked={settings.closeRules.lostDeletes}
            onChange={(e) => close({ lostDeletes: e.currentTarget.checked })}
          />{' '}
          {t('lostDeletes')}
        </label>
        <p class="db-muted db-close-note">{t('lostDeletesNote')}</p>
        <FormChoice
          id="db-close-lost-form"
          actionId="delete"
          close="lost"
          label={t('closeFormFor', { action: names.action('delete') })}
          value={settings.closeRules.lostFormChoice}
          disabled={!settings.closeRules.lostDeletes}
          onChange={(lostFormChoice) => close({ lostFormChoice })}
        />
      </fieldset>
      <fieldset>
        <legend>{t('syncLegend')}</legend>
        <label class="db-inline">
          <input
            type="checkbox"
            data-dealbridge="sync-enabled"
            checked={settings.sync.enabled}
            onChange={(e) => sync({ enabled: e.currentTarget.checked })}
          />{' '}
          {t('syncEnabled')}
        </label>
        <PeriodInput value={settings.sync.periodMinutes} onChange={(periodMinutes) => sync({ periodMinutes })} />
        <label class="db-inline">
          <input
            type="checkbox"
            data-dealbridge="sync-runner"
            aria-describedby="db-runner-hint"
            checked={settings.sync.runsAutomaticSync}
            onChange={(e) => sync({ runsAutomaticSync: e.currentTarget.checked })}
          />{' '}
          {t('runner')}
        </label>
        <p class="db-muted" id="db-runner-hint">
          {t('runnerHint')}
        </p>
        <label class="db-inline">
          <input
            type="checkbox"
            data-dealbridge="notifications-enabled"
            checked={settings.notifications.enabled}
            onChange={(e) => onEdit((s) => ({ ...s, notifications: { enabled: e.currentTarget.checked } }))}
          />{' '}
          {t('notifications')}
        </label>
      </fieldset>
    </section>
  );
}

/** A number field that keeps what the user typed until it is a valid period, then updates the settings. */
function PeriodInput({ value, onChange }: { value: number; onChange(minutes: number): void }) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? String(value);
  const parsed = Number(shown.replace(',', '.'));
  const invalid = !(shown.trim() !== '' && Number.isFinite(parsed) && parsed >= 0.5 && parsed <= 1440);
  return (
    <div class="db-field">
      <label for="db-sync-period">{t('period')}</label>{' '}
      <input
        id="db-sync-period"
        data-dealbridge="sync-period"
        type="number"
        inputMode="decimal"
        min={0.5}
        max={1440}
        step={0.5}
        value={shown}
        aria-invalid={invalid}
        aria-describedby="db-sync-period-hint"
        onInput={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const minutes = Number(next.replace(',', '.'));
          if (next.trim() !== '' && Number.isFinite(minutes) && minutes >= 0.5 && minutes <= 1440) onChange(minutes);
        }}
        onBlur={() => setText(null)}
      />{' '}
      <span id="db-sync-period-hint" class={invalid ? 'db-error-text' : 'db-muted'}>
        {t('periodHint')}
      </span>
    </div>
  );
}
