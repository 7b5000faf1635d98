import { send } from '@/utils/messaging/content-client';
import { injectedView, type DealPanelViewModule } from './view-handoff';

/**
 * The content script's way to the panel's view: asks the background to inject the view's
 * script into this tab (scripting.executeScript; nothing is web-accessible), then takes the
 * module it left in the isolated world.
 */
export async function loadInjectedView(): Promise<DealPanelViewModule> {
  const ready = injectedView();
  if (ready) return ready;
  await send('deal.loadView', {});
  const loaded = injectedView();
  if (!loaded) throw new Error('Dealbridge’s deal panel script did not load.');
  return loaded;
}
