import { send } from '@/utils/messaging/content-client';
import { dealOrder, syncNudge, syncRetry } from '@/utils/messaging/content-schemas.generated';
import type { PanelPorts } from './controller';

/** The deal page's messages, validated both ways by the shared content-script client. */
export const messagePorts: PanelPorts = {
  loadDealOrder: (dealId) => send(dealOrder, { dealId }),
  retry: async (itemId) => {
    await send(syncRetry, { itemId });
  },
  nudge: async (dealId) => {
    await send(syncNudge, { kind: 'deal', id: dealId });
  },
};
