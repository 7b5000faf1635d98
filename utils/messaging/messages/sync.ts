import { z } from 'zod';
import { defineMessage } from '../define';

const ack = z.object({ accepted: z.boolean() });

export const syncMessages = {
  /** The user acted on an order or deal page: look at that object now, not at the next alarm. */
  'sync.nudge': defineMessage(
    'content',
    z.object({ kind: z.enum(['order', 'deal']), id: z.number().int().positive() }),
    ack,
  ),
  'sync.now': defineMessage('content', z.object({}), ack),
  /** Try a parked problem again (popup and both pages offer it). */
  'sync.retry': defineMessage('content', z.object({ itemId: z.string().min(1).max(100) }), ack),
  'sync.dismiss': defineMessage('content', z.object({ itemId: z.string().min(1).max(100) }), ack),
  'sync.setPaused': defineMessage('extension', z.object({ paused: z.boolean() }), ack),
};
