// The simulator's small router. Routes are tried in the order added; the
// pages module adds its own through registerPages(ctx).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimState } from '../state/state';
import type { FaultController } from '../faults';
import type { RequestLog } from '../request-log';
import type { Hosting } from '../latency';
import type { PhpForm } from './form';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** upper-case HTTP verb */
  method: string;
  url: URL;
  /** URL path without the query, e.g. "/webasyst/shop/" */
  path: string;
  query: URLSearchParams;
  /** GET parameters parsed like PHP's $_GET (nested arrays) */
  get: PhpForm;
  /** form-encoded body parsed like PHP's $_POST (empty for JSON bodies) */
  post: PhpForm;
  rawBody: Buffer;
  /** the body parsed as JSON, or undefined when it is not valid JSON */
  json: unknown;
  cookies: Record<string, string>;
  /** named groups of a RegExp path matcher */
  params: Record<string, string>;
  state: SimState;
  sim: SimContext;
  /** Origin is chrome-extension:// or moz-extension:// */
  fromExtension: boolean;
  /** tell the request log who acted (token or session user) */
  setActor(contactId: number | null): void;
  send(status: number, body: string | Buffer, headers?: Record<string, string | string[]>): void;
  sendJson(status: number, value: unknown, headers?: Record<string, string | string[]>): void;
  sendHtml(status: number, html: string, headers?: Record<string, string | string[]>): void;
  redirect(location: string, status?: number, headers?: Record<string, string | string[]>): void;
}

export type RouteHandler = (rc: RequestContext) => void | Promise<void>;
/** exact path, RegExp (named groups become params) or a function returning params or null */
export type PathMatcher = string | RegExp | ((path: string) => Record<string, string> | null);

interface Route {
  method: string;
  matcher: PathMatcher;
  handler: RouteHandler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** method: 'GET', 'POST', ... or '*' for any verb */
  add(method: string, matcher: PathMatcher, handler: RouteHandler): void {
    this.routes.push({ method: method.toUpperCase(), matcher, handler });
  }
  get(matcher: PathMatcher, handler: RouteHandler): void {
    this.add('GET', matcher, handler);
  }
  post(matcher: PathMatcher, handler: RouteHandler): void {
    this.add('POST', matcher, handler);
  }
  any(matcher: PathMatcher, handler: RouteHandler): void {
    this.add('*', matcher, handler);
  }

  match(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | null {
    for (const r of this.routes) {
      if (r.method !== '*' && r.method !== method && !(r.method === 'GET' && method === 'HEAD')) continue;
      const params = matchPath(r.matcher, path);
      if (params) return { handler: r.handler, params };
    }
    return null;
  }
}

function matchPath(matcher: PathMatcher, path: string): Record<string, string> | null {
  if (typeof matcher === 'string') return matcher === path ? {} : null;
  if (matcher instanceof RegExp) {
    const m = matcher.exec(path);
    return m ? { ...(m.groups ?? {}) } : null;
  }
  return matcher(path);
}

export interface SimContext {
  state: SimState;
  router: Router;
  faults: FaultController;
  log: RequestLog;
  /** hosting latency and PHP workers (off unless configured) */
  hosting: Hosting;
  /** installation root with a trailing slash, e.g. "http://127.0.0.1:41234/" */
  url: string;
  /** default Shop backend UI when no force_set_wa_backend_ui_version cookie is sent */
  uiVersion: '2.0' | '1.3';
  builtinIntegration: boolean;
}
