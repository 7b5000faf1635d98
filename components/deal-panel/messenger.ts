import { send } from '@/utils/messaging/content-client';
import type { DealPanelPorts } from './controller';

/** The deal page's messages, through the shared content-script client (the background validates both ways). */
export const messagePorts: DealPanelPorts = {
  loadDealOrder: (dealId) => send('deal.order', { dealId }),
  retry: async (itemId) => {
    await send('sync.retry', { itemId });
  },
  nudge: async (dealId) => {
    await send('sync.nudge', { kind: 'deal', id: dealId });
  },
};
