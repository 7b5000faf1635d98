import { z } from 'zod';
import { defineMessage } from '../define';
import { connectionViewSchema } from '../models';

const url = z.string().trim().min(1).max(2000);

export const connectionMessages = {
  /** The current connection, or null. */
  'connection.get': defineMessage('extension', z.object({}), connectionViewSchema.nullable()),
  /** Run Webasyst's consent page (api.php/auth) for this address; the origin permission was granted by the page first. */
  'connection.authorize': defineMessage('extension', z.object({ url }), connectionViewSchema),
  /** Open the consent page that shows a code to paste (no redirect); answers the installation root found. */
  'connection.openCodePage': defineMessage('extension', z.object({ url }), z.object({ baseUrl: z.string() })),
  /** Exchange a code the consent page showed (api.php/token). */
  'connection.exchangeCode': defineMessage(
    'extension',
    z.object({ url, code: z.string().trim().min(1).max(200) }),
    connectionViewSchema,
  ),
  /** Connect with a pasted token. */
  'connection.useToken': defineMessage(
    'extension',
    z.object({ url, token: z.string().trim().min(1).max(200) }),
    connectionViewSchema,
  ),
  /** Ask Webasyst again who the token belongs to and which apps answer. */
  'connection.check': defineMessage('extension', z.object({}), connectionViewSchema.nullable()),
  /** Revoke the token, unregister content scripts, forget this connection's data. */
  'connection.disconnect': defineMessage('extension', z.object({}), z.object({ revoked: z.boolean() })),
};
