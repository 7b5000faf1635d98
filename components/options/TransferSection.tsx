import { useRef, useState } from 'preact/hooks';
import { exportFileName } from '@/utils/settings/transfer';
import { t } from './i18n';
import type { OptionsStore } from './store';

/** Import and export of all settings except the token, as JSON. */
export function TransferSection({
  store,
  download = downloadText,
}: {
  store: OptionsStore;
  download?: (name: string, text: string) => void;
}) {
  const [importText, setImportText] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const notice = store.importNotice.value;
  const exported = store.exportText.value;
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setImportText(await file.text());
  };
  return (
    <section class="db-section" data-dealbridge="settings-transfer" aria-labelledby="db-transfer-title">
      <h2 id="db-transfer-title">{t('transferTitle')}</h2>
      <p class="db-intro">{t('transferIntro')}</p>
      <div class="db-field">
        <button
          type="button"
          class="db-button"
          data-dealbridge="settings-export"
          onClick={() => {
            const text = store.exportNow();
            if (text) download(exportFileName(), text);
          }}
        >
          {t('exportButton')}
        </button>
        {store.dirty.value && exported !== null ? <span class="db-muted"> {t('exportUnsaved')}</span> : null}
      </div>
      {exported !== null ? (
        <div class="db-field">
          <label for="db-export-text">{t('exportLabel')}</label>
          <textarea id="db-export-text" data-dealbridge="settings-export-text" readOnly rows={8} value={exported} />
        </div>
      ) : null}
      <form
        class="db-field"
        onSubmit={(e) => {
          e.preventDefault();
          if (store.importText(importText)) setImportText('');
        }}
      >
        <label for="db-import-text">{t('importLabel')}</label>
        <textarea
          id="db-import-text"
          data-dealbridge="settings-import"
          rows={6}
          value={importText}
          aria-describedby="db-import-notice"
          aria-invalid={notice?.kind === 'error'}
          onInput={(e) => setImportText(e.currentTarget.value)}
        />
        <label for="db-import-file">{t('importFile')}</label>{' '}
        <input
          id="db-import-file"
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          onChange={(e) => void readFile(e.currentTarget.files?.[0])}
        />
        <div>
          <button type="submit" class="db-button" data-dealbridge="settings-import-submit">
            {t('importButton')}
          </button>
        </div>
        <p
          id="db-import-notice"
          role={notice?.kind === 'error' ? 'alert' : 'status'}
          data-dealbridge="settings-import-notice"
          class={notice?.kind === 'error' ? 'db-error-text' : undefined}
        >
          {notice?.text ?? ''}
        </p>
      </form>
    </section>
  );
}

function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
