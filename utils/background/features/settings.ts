import { defineBackgroundFeature } from '../feature';
import { UserFacingError } from '../../messaging/router';
import { requireApi } from '../../connection/current';
import { currentLanguage } from '../../i18n';
import type { Settings } from '../../settings/schema';
import { InvalidSettingsError, loadSettings, updateSettings } from '../../settings/store';
import { loadSettingsCatalog } from '../../settings/catalog-source';
import { planPreview } from '../../preview/planner';
import { createPreviewSource } from '../../preview/source';
import { previewText } from '../../preview/text';

/**
 * Settings for the options page (and anyone else in the extension): get/save, the live
 * catalog of the installation, and the read-only dry run of unsaved rules.
 * The connection owns `baseUrl` and the popup owns `sync.paused`: a save from the options
 * page keeps the stored ones, so an options tab opened earlier cannot undo a connection or
 * a pause made since.
 */
export default defineBackgroundFeature({
  name: 'settings',
  start({ router }) {
    router.on('settings.get', () => loadSettings());
    router.on('settings.save', async ({ settings }) => {
      try {
        return await updateSettings((current) => keepOwnedElsewhere(settings, current));
      } catch (error) {
        if (error instanceof InvalidSettingsError) throw new UserFacingError('invalid_settings', error.message);
        throw error;
      }
    });
    router.on('settings.catalog', ({ refresh, lang }) =>
      loadSettingsCatalog({ refresh, lang: lang ?? currentLanguage() }),
    );
    router.on('settings.preview', async ({ settings, limit, lang }) => {
      const language = lang ?? currentLanguage();
      const source = await createPreviewSource(await requireApi(), language);
      return planPreview(settings, source, { limit, text: previewText(language) });
    });
  },
});

function keepOwnedElsewhere(edited: Settings, current: Settings): Settings {
  return { ...edited, baseUrl: current.baseUrl, sync: { ...edited.sync, paused: current.sync.paused } };
}
