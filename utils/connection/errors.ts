import { UserFacingError } from '../messaging/router';

/** Why connecting did not work; the UI translates by code, the message says what was found. */
export type ConnectProblem =
  | 'address_invalid'
  | 'permission_missing'
  | 'not_webasyst'
  | 'unreachable'
  | 'redirect_loop'
  | 'redirected_elsewhere'
  | 'api_disabled'
  | 'consent_refused'
  | 'consent_closed'
  | 'consent_failed'
  | 'code_invalid'
  | 'token_invalid'
  | 'no_apps'
  | 'busy';

export class ConnectError extends UserFacingError {
  constructor(
    readonly problem: ConnectProblem,
    message: string,
  ) {
    super(problem, message);
    this.name = 'ConnectError';
  }
}
