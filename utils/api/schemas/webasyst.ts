import { z } from 'zod';
import { optStr, str } from './common';

/** webasyst.getInfo: the installation's name (as its backend shows it). */
export const webasystInfoSchema = z.object({
  name: str,
  backend_url: optStr,
});

/** api.php/token: a token, or an error that Webasyst sends with HTTP 200. */
export const tokenReplySchema = z.object({ access_token: z.string().regex(/^[A-Za-z0-9]{16,128}$/) });
