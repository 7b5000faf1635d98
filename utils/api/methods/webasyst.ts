import type { ApiClient } from '../client';
import { webasystInfoSchema } from '../schemas/webasyst';

export function webasystGetInfo(client: ApiClient) {
  return client.call({ method: 'webasyst.getInfo', schema: webasystInfoSchema });
}
