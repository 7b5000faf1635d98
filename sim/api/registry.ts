// The API method table: each method fixes its HTTP verb(s), like
// waAPIMethod::$method, and returns a body (and maybe a status).
import type { RequestContext } from '../http/router';
import type { PhpForm } from '../http/form';
import type { SimState } from '../state/state';
import type { ApiToken, Contact } from '../state/types';

export interface ApiCall {
  rc: RequestContext;
  state: SimState;
  user: Contact;
  token: ApiToken;
  /** GET parameter (string) */
  get(name: string): string | undefined;
  /** POST field (string), from a form-encoded body */
  post(name: string): string | undefined;
  /** $_GET / $_POST as PHP sees them */
  getForm: PhpForm;
  postForm: PhpForm;
  /** JSON body (CRM write methods), {} when absent or not an object */
  body: Record<string, unknown>;
}

export interface ApiReply {
  status?: number;
  body: unknown;
}

export interface ApiMethod {
  verb: string | string[];
  run(call: ApiCall): ApiReply | unknown;
}

export const reply = (body: unknown, status = 200): ApiReply & { __reply: true } => ({ body, status, __reply: true });

export function isReply(x: unknown): x is ApiReply {
  return typeof x === 'object' && x !== null && (x as { __reply?: boolean }).__reply === true;
}
