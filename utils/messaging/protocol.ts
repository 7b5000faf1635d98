import { connectionMessages } from './messages/connection';
import { orderPageMessages } from './messages/order-page';
import { dealPageMessages } from './messages/deal-page';
import { syncMessages } from './messages/sync';
import { settingsMessages } from './messages/settings';
import { statusMessages } from './messages/status';
import { backfillMessages } from './messages/backfill';

/**
 * Every message the background answers. Each feature owns its own file in ./messages;
 * this table only gathers them so that senders and the router share one typed list.
 */
export const protocol = {
  ...connectionMessages,
  ...orderPageMessages,
  ...dealPageMessages,
  ...syncMessages,
  ...settingsMessages,
  ...statusMessages,
  ...backfillMessages,
};

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
