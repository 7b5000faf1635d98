import { useId } from 'preact/hooks';
import type { ConnectionModel } from './model';
import { t } from './i18n';

/** Address + Connect, with the pasted-code and pasted-token fallbacks underneath. */
export function ConnectForm({ model }: { model: ConnectionModel }) {
  const id = useId();
  const busy = model.busy.value;
  const disabled = busy !== null;
  return (
    <div class="db-connect">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          model.connect();
        }}
      >
        <label for={`${id}-url`}>{t('addressLabel')}</label>
        <div class="db-connect-row">
          <input
            id={`${id}-url`}
            // Not type="url": the browser would refuse "shop.example.com" (no scheme), which Dealbridge accepts.
            type="text"
            inputMode="url"
            autoComplete="url"
            spellcheck={false}
            placeholder="https://shop.example.com/"
            data-dealbridge="connect-url"
            value={model.address.value}
            onInput={(event) => (model.address.value = event.currentTarget.value)}
            disabled={disabled}
            size={40}
          />
          <button type="submit" class="db-button db-primary" data-dealbridge="connect" disabled={disabled}>
            {t('connect')}
          </button>
        </div>
        <p class="db-muted">{t('addressHint')}</p>
      </form>
      {busy === 'connect' ? (
        <p role="status" aria-live="polite" data-dealbridge="connect-waiting">
          {t('connecting')}
        </p>
      ) : null}
      <details class="db-connect-other">
        <summary>{t('otherWays')}</summary>
        <p>{t('codeIntro')}</p>
        <button
          type="button"
          class="db-button"
          data-dealbridge="connect-get-code"
          disabled={disabled}
          onClick={() => model.openCodePage()}
        >
          {t('getCode')}
        </button>
        <form
          class="db-connect-row"
          onSubmit={(event) => {
            event.preventDefault();
            model.submitCode();
          }}
        >
          <label for={`${id}-code`}>{t('codeLabel')}</label>
          <input
            id={`${id}-code`}
            autoComplete="off"
            spellcheck={false}
            data-dealbridge="connect-code"
            value={model.code.value}
            onInput={(event) => (model.code.value = event.currentTarget.value)}
            disabled={disabled}
          />
          <button
            type="submit"
            class="db-button"
            data-dealbridge="connect-code-submit"
            disabled={disabled || !model.code.value.trim()}
          >
            {t('codeSubmit')}
          </button>
        </form>
        <p>{t('tokenIntro')}</p>
        <form
          class="db-connect-row"
          onSubmit={(event) => {
            event.preventDefault();
            model.submitToken();
          }}
        >
          <label for={`${id}-token`}>{t('tokenLabel')}</label>
          <input
            id={`${id}-token`}
            type="password"
            autoComplete="off"
            spellcheck={false}
            data-dealbridge="connect-token"
            value={model.token.value}
            onInput={(event) => (model.token.value = event.currentTarget.value)}
            disabled={disabled}
          />
          <button
            type="submit"
            class="db-button"
            data-dealbridge="connect-token-submit"
            disabled={disabled || !model.token.value.trim()}
          >
            {t('tokenSubmit')}
          </button>
        </form>
      </details>
    </div>
  );
}
