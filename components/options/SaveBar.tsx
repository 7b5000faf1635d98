import { t } from './i18n';
import type { OptionsStore } from './store';

/** Always visible: whether there are unsaved changes, Save and Discard, and the outcome, announced. */
export function SaveBar({ store }: { store: OptionsStore }) {
  const dirty = store.dirty.value;
  const notice = store.notice.value;
  return (
    <div class="db-savebar" data-dealbridge="save-bar" data-dirty={dirty ? 'true' : 'false'}>
      <span class="db-savestate" data-dealbridge="save-state">
        {dirty ? t('unsaved') : t('allSaved')}
      </span>
      <button
        type="button"
        class="db-button db-primary"
        data-dealbridge="settings-save"
        disabled={!dirty || store.saving.value}
        onClick={() => void store.save()}
      >
        {t('save')}
      </button>
      <button
        type="button"
        class="db-button"
        data-dealbridge="settings-discard"
        disabled={!dirty || store.saving.value}
        onClick={() => store.discard()}
      >
        {t('discard')}
      </button>
      <span
        aria-live="polite"
        role="status"
        data-dealbridge="settings-notice"
        class={notice?.kind === 'error' ? 'db-error-text' : undefined}
      >
        {notice?.text ?? ''}
      </span>
      {store.changedElsewhere.value ? (
        <p role="alert" class="db-warning-text">
          {t('changedElsewhere')}
        </p>
      ) : null}
    </div>
  );
}
