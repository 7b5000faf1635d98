import { computed, signal } from '@preact/signals';
import { send as sendMessage, MessageError } from '@/utils/messaging/client';
import type { SettingsCatalog } from '@/utils/settings/catalog-view';
import { checkSettings } from '@/utils/settings/checks';
import type { Settings } from '@/utils/settings/schema';
import { watchSettings as watchStoredSettings } from '@/utils/settings/store';
import { exportSettingsJson, importSettingsJson } from '@/utils/settings/transfer';
import type { PreviewResult } from '@/utils/preview/types';
import { currentLanguage } from '@/utils/i18n';
import { sameSettings, sortRulesByWorkflow } from './draft';
import { workflowActionOrder } from '@/utils/settings/workflow';
import { t } from './i18n';

type Send = typeof sendMessage;
export type Notice = { kind: 'info' | 'error'; text: string } | null;

/**
 * The options page's state: the saved settings, the draft being edited, the live catalog,
 * and the results of save / preview / import / export. Nothing here touches the DOM.
 */
export function createOptionsStore(send: Send = sendMessage, watch: typeof watchStoredSettings = watchStoredSettings) {
  const saved = signal<Settings | null>(null);
  const draft = signal<Settings | null>(null);
  const loadError = signal<string | null>(null);
  const catalog = signal<SettingsCatalog | null>(null);
  const catalogState = signal<'idle' | 'loading' | 'ready' | 'not_connected' | 'error'>('idle');
  const catalogError = signal<string | null>(null);
  const saving = signal(false);
  /** The last save/discard outcome, announced politely. */
  const notice = signal<Notice>(null);
  const changedElsewhere = signal(false);
  const preview = signal<{
    state: 'idle' | 'running' | 'done' | 'error';
    result: PreviewResult | null;
    error: string | null;
    rules: Settings | null;
  }>({
    state: 'idle',
    result: null,
    error: null,
    rules: null,
  });
  const importNotice = signal<Notice>(null);
  const exportText = signal<string | null>(null);

  const dirty = computed(() => draft.value !== null && saved.value !== null && !sameSettings(draft.value, saved.value));
  const checks = computed(() => (draft.value && catalog.value ? checkSettings(draft.value, catalog.value) : []));
  const previewStale = computed(
    () => preview.value.rules !== null && draft.value !== null && !sameSettings(preview.value.rules, draft.value),
  );

  function inWorkflowOrder(settings: Settings): Settings {
    return catalog.value ? sortRulesByWorkflow(settings, workflowActionOrder(catalog.value.states)) : settings;
  }

  async function load(): Promise<void> {
    try {
      const settings = await send('settings.get', {});
      saved.value = settings;
      draft.value = settings;
      loadError.value = null;
    } catch (error) {
      loadError.value = messageOf(error);
    }
  }

  async function loadCatalog(refresh = false): Promise<void> {
    catalogState.value = 'loading';
    try {
      catalog.value = await send('settings.catalog', { refresh, lang: currentLanguage() });
      catalogState.value = 'ready';
      catalogError.value = null;
    } catch (error) {
      if (error instanceof MessageError && error.code === 'not_connected') {
        catalogState.value = 'not_connected';
        catalogError.value = null;
      } else {
        catalogState.value = 'error';
        catalogError.value = messageOf(error);
      }
    }
  }

  function edit(change: (current: Settings) => Settings): void {
    if (!draft.value) return;
    draft.value = inWorkflowOrder(change(draft.value));
    notice.value = null;
  }

  async function save(): Promise<boolean> {
    if (!draft.value || saving.value) return false;
    saving.value = true;
    notice.value = { kind: 'info', text: t('saving') };
    try {
      const stored = await send('settings.save', { settings: draft.value });
      saved.value = stored;
      draft.value = stored;
      changedElsewhere.value = false;
      notice.value = { kind: 'info', text: t('saved') };
      return true;
    } catch (error) {
      notice.value = { kind: 'error', text: t('saveFailed', { message: messageOf(error) }) };
      return false;
    } finally {
      saving.value = false;
    }
  }

  function discard(): void {
    draft.value = saved.value;
    changedElsewhere.value = false;
    notice.value = null;
  }

  async function runPreview(): Promise<void> {
    if (!draft.value) return;
    const rules = draft.value;
    preview.value = { state: 'running', result: null, error: null, rules };
    try {
      const result = await send('settings.preview', { settings: rules, lang: currentLanguage() });
      preview.value = { state: 'done', result, error: null, rules };
    } catch (error) {
      preview.value = { state: 'error', result: null, error: messageOf(error), rules };
    }
  }

  /** Puts valid imported settings into the form (unsaved); a bad file changes nothing. */
  function importText(text: string): boolean {
    if (!text.trim()) {
      importNotice.value = { kind: 'error', text: t('importEmpty') };
      return false;
    }
    const result = importSettingsJson(text);
    if (!result.ok) {
      importNotice.value = {
        kind: 'error',
        text:
          'notJson' in result
            ? t('importNotJson', { message: result.problem.message })
            : t('importFailed', { path: result.problem.path, message: result.problem.message }),
      };
      return false;
    }
    // The connection owns baseUrl and the popup the pause: an import changes neither in this browser.
    const current = saved.value ?? draft.value;
    draft.value = inWorkflowOrder({
      ...result.settings,
      baseUrl: current?.baseUrl ?? null,
      sync: { ...result.settings.sync, paused: current?.sync.paused ?? result.settings.sync.paused },
    });
    importNotice.value = { kind: 'info', text: t('importDone') };
    notice.value = null;
    return true;
  }

  function exportNow(): string | null {
    if (!draft.value) return null;
    exportText.value = exportSettingsJson(draft.value);
    return exportText.value;
  }

  /**
   * Settings saved elsewhere (another tab, a connection, the popup's pause): follow them when
   * nothing here is unsaved. With unsaved changes, the address and the pause (owned by the
   * connection and the popup, and never saved from here) are taken over silently; anything
   * else is a warning that saving would overwrite it.
   */
  function startWatching(): () => void {
    return watch((next) => {
      if (saved.value && sameSettings(next, saved.value)) return;
      const previous = saved.value;
      saved.value = next;
      if (!draft.value || !previous || sameSettings(draft.value, previous)) {
        draft.value = next;
        return;
      }
      draft.value = { ...draft.value, baseUrl: next.baseUrl, sync: { ...draft.value.sync, paused: next.sync.paused } };
      const elsewhere = { ...next, baseUrl: previous.baseUrl, sync: { ...next.sync, paused: previous.sync.paused } };
      if (!sameSettings(elsewhere, previous)) changedElsewhere.value = true;
    });
  }

  return {
    saved,
    draft,
    loadError,
    catalog,
    catalogState,
    catalogError,
    saving,
    notice,
    changedElsewhere,
    preview,
    previewStale,
    importNotice,
    exportText,
    dirty,
    checks,
    load,
    loadCatalog,
    edit,
    save,
    discard,
    runPreview,
    importText,
    exportNow,
    startWatching,
  };
}

export type OptionsStore = ReturnType<typeof createOptionsStore>;

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
