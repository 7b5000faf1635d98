import { send } from '@/utils/messaging/content-client';
import { injectedPanel, type PanelModule } from './panel-handoff';

/**
 * The content script's way to the panel: asks the background to inject the panel's script
 * into this tab (scripting.executeScript; nothing is exposed to the page as a web-accessible
 * file), then takes the module it left in the isolated world.
 */
export async function loadInjectedPanel(): Promise<PanelModule> {
  const ready = injectedPanel();
  if (ready) return ready;
  await send('order.loadPanel', {});
  const loaded = injectedPanel();
  if (!loaded) throw new Error('Dealbridge’s order control panel script did not load.');
  return loaded;
}
