// Which Shop-Script backend UI a request gets: the user's cookie, else the installation default.
import type { RequestContext } from '../http/router';
import type { UiVersion } from './shop/order-model';

const UI_COOKIE = 'force_set_wa_backend_ui_version';

export function shopUiVersion(rc: RequestContext): UiVersion {
  const cookie = rc.cookies[UI_COOKIE];
  if (cookie === '1.3' || cookie === '2.0') return cookie;
  return rc.sim.uiVersion;
}
