// api.php: URL forms, token lookup, app/scope checks, verbs, JSON/JSONP
// replies and errors, in the order waAPIController does them.
import { createHash } from 'node:crypto';
import type { RequestContext, SimContext } from '../http/router';
import { phpString } from '../http/form';
import { DomainError } from '../state/errors';
import { ApiError } from './errors';
import { isReply, type ApiCall, type ApiMethod } from './registry';
import { shopMethods } from './shop';
import { crmMethods } from './crm';
import { webasystMethods } from './webasyst';

const METHODS: Record<string, ApiMethod> = { ...shopMethods, ...crmMethods, ...webasystMethods };
const APPS = ['shop', 'crm', 'webasyst'];
const OWN_PATHS = ['/api.php/auth', '/api.php/token-headless'];

/** app + method of an api.php URL, or null for other URLs and malformed ones. */
function splitApiUrl(url: URL): { app: string; method: string } | null | 'malformed' {
  const path = url.pathname.replace(/^\/+|\/+$/g, '');
  if (path === 'api.php') {
    const app = url.searchParams.get('app');
    const method = url.searchParams.get('method');
    return { app: app ?? '', method: method ?? '' };
  }
  if (!path.startsWith('api.php/')) return null;
  const parts = path.split('/');
  if (parts.length === 3) return { app: parts[1], method: parts[2] };
  if (parts.length === 2 && parts[1].includes('.')) {
    const dot = parts[1].indexOf('.');
    return { app: parts[1].slice(0, dot), method: parts[1].slice(dot + 1) };
  }
  return 'malformed';
}

/** "shop.order.search" for the request log and fault matching. */
export function resolveApiMethod(url: URL): string | null {
  const p = url.pathname.replace(/^\/+|\/+$/g, '');
  if (p === 'api.php/token' || p === 'api.php/revoke' || p === 'api.php/auth') return p.slice(8);
  const split = splitApiUrl(url);
  return split && split !== 'malformed' && split.app ? `${split.app}.${split.method}` : null;
}

function tokenOf(rc: RequestContext): string | undefined {
  const fromRequest = phpString(rc.post.access_token) ?? rc.query.get('access_token') ?? undefined;
  if (fromRequest) return fromRequest;
  const header = rc.req.headers.authorization;
  return header ? header.replace(/^\s*Bearer\s+/i, '').trim() || undefined : undefined;
}

function send(rc: RequestContext, status: number, body: unknown): void {
  const callback = rc.query.get('callback');
  const json = body === undefined ? 'null' : JSON.stringify(body);
  if (callback) {
    rc.send(200, `${callback}(${json});`, { 'Content-Type': 'text/javascript; charset=utf-8' });
  } else {
    rc.send(status, json, { 'Content-Type': 'application/json; charset=utf-8' });
  }
}

function checkToken(ctx: SimContext, rc: RequestContext) {
  const value = tokenOf(rc);
  if (!value) throw new ApiError(400, 'token_required', 'Access token is missing');
  const token = ctx.state.auth.tokens.get(value);
  if (!token) {
    throw new ApiError(401, 'invalid_token', 'Invalid access token', {
      sha256: createHash('sha256').update(value).digest('hex'),
    });
  }
  token.lastUseAt = ctx.state.clock.now();
  rc.setActor(token.contactId);
  return token;
}

function hasAppAccess(ctx: SimContext, contactId: number, app: string): boolean {
  const user = ctx.state.contact(contactId);
  if (user?.isUser !== 1 || !user.rights) return false;
  if (app === 'webasyst') return true;
  return app === 'shop' ? user.rights.shop !== 'none' : user.rights.crm !== 'none';
}

async function execute(ctx: SimContext, rc: RequestContext, app: string, methodName: string): Promise<void> {
  const format = rc.query.get('format');
  if (format && !['JSON', 'XML'].includes(format.toUpperCase())) {
    return send(rc, 200, {
      error: 'invalid_request',
      error_description: `Invalid response format: ${format.toUpperCase()}`,
    });
  }
  const token = checkToken(ctx, rc);
  if (!APPS.includes(app)) throw new ApiError(400, 'app_not_installed', `App is not installed (${app})`, { app });
  if (!hasAppAccess(ctx, token.contactId, app) || !token.scope.includes(app)) throw new ApiError(403, 'access_denied');
  const method = METHODS[`${app}.${methodName}`];
  if (!method) throw new ApiError(404, 'invalid_method', `Unknown method: ${app}.${methodName}`);
  const verbs = Array.isArray(method.verb) ? method.verb : [method.verb];
  if (!verbs.includes(rc.method)) throw new ApiError(405, 'invalid_request', `Method ${rc.method} not allowed`);
  const body = rc.json && typeof rc.json === 'object' ? (rc.json as Record<string, unknown>) : {};
  const call: ApiCall = {
    rc,
    state: ctx.state,
    user: ctx.state.contact(token.contactId)!,
    token,
    get: (name) => phpString(rc.get[name]),
    post: (name) => phpString(rc.post[name]),
    getForm: rc.get,
    postForm: rc.post,
    body,
  };
  const result = method.run(call);
  if (isReply(result)) send(rc, result.status ?? 200, result.body);
  else send(rc, 200, result);
}

export function registerApi(ctx: SimContext): void {
  ctx.router.any(
    (path) =>
      path === '/api.php' || (path.startsWith('/api.php/') && !OWN_PATHS.includes(path.replace(/\/+$/, '')))
        ? {}
        : null,
    async (rc) => {
      try {
        if (rc.method === 'OPTIONS') return rc.send(200, '');
        const path = rc.path.replace(/\/+$/, '');
        if (path === '/api.php/token') {
          const result = ctx.state.exchangeCode(
            phpString(rc.post.code),
            phpString(rc.post.client_id),
            phpString(rc.post.grant_type),
          );
          return send(rc, 200, result);
        }
        if (path === '/api.php/revoke') {
          const token = checkToken(ctx, rc);
          ctx.state.revokeToken(token.token);
          return send(rc, 200, { access_token: token.token });
        }
        const split = splitApiUrl(rc.url);
        if (!split || split === 'malformed') {
          throw new ApiError(
            400,
            'invalid_request',
            `Malformed request or server misconfiguration. Request URL: ${rc.path.replace(/^\/+/, '')}`,
          );
        }
        await execute(ctx, rc, split.app, split.method);
      } catch (err) {
        if (err instanceof ApiError) return send(rc, err.status, err.body());
        if (err instanceof DomainError) return send(rc, 400, { error: err.code, error_description: err.message });
        return send(rc, 500, { error: 'server_error', error_description: (err as Error).message });
      }
    },
  );
}
