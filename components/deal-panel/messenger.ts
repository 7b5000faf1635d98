import { send } from '@/utils/messaging/content-client';
import type { PanelPorts } from './controller';
import { injectedMore } from './more-handoff';

/** The deal page's messages, through the shared content-script client (the background validates both ways). */
export const messagePorts: PanelPorts = {
  loadDealOrder: (dealId) => send('deal.order', { dealId }),
  // The background injects the second script into this tab (nothing is web-accessible), which leaves its module here.
  loadMore: async () => {
    if (!injectedMore()) await send('deal.loadMore', {});
    const more = injectedMore();
    if (!more) throw new Error('Dealbridge’s deal panel script did not load.');
    return more;
  },
  retry: async (itemId) => {
    await send('sync.retry', { itemId });
  },
  nudge: async (dealId) => {
    await send('sync.nudge', { kind: 'deal', id: dealId });
  },
};
