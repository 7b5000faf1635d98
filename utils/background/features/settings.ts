import { defineBackgroundFeature } from '../feature';
import { UserFacingError } from '../../messaging/router';
import { requireApi } from '../../connection/current';
import { currentLanguage } from '../../i18n';
import { InvalidSettingsError, loadSettings, updateSettings } from '../../settings/store';
import { loadSettingsCatalog } from '../../settings/catalog-source';
import { planPreview } from '../../preview/planner';
import { createPreviewSource } from '../../preview/source';
import { previewText } from '../../preview/text';

/**
 * Settings for the options page (and anyone else in the extension): get/save, the live
 * catalog of the installation, and the read-only dry run of unsaved rules.
 * The connection owns `baseUrl`: a save from the options page keeps the stored one, so an
 * options tab opened before connecting cannot undo the connection.
 */
export default defineBackgroundFeature({
  name: 'settings',
  start({ router }) {
    router.on('settings.get', () => loadSettings());
    router.on('settings.save', async ({ settings }) => {
      try {
        return await updateSettings((current) => ({ ...settings, baseUrl: current.baseUrl }));
      } catch (error) {
        if (error instanceof InvalidSettingsError) throw new UserFacingError('invalid_settings', error.message);
        throw error;
      }
    });
    router.on('settings.catalog', ({ refresh, lang }) => loadSettingsCatalog({ refresh, lang: lang ?? currentLanguage() }));
    router.on('settings.preview', async ({ settings, limit, lang }) => {
      const language = lang ?? currentLanguage();
      const source = await createPreviewSource(await requireApi(), language);
      return planPreview(settings, source, { limit, text: previewText(language) });
    });
  },
});
