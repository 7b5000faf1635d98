import { defineBackgroundFeature } from '../feature';
import { UserFacingError } from '../../messaging/router';
import { InvalidSettingsError, loadSettings, updateSettings } from '../../settings/store';

/**
 * settings.get / settings.save for the options page (and anyone else in the extension).
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
  },
});
