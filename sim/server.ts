// The simulated Webasyst installation (framework 3.8.4, Shop-Script 12.4.0,
// CRM 3.4.0): an HTTP server on 127.0.0.1 with api.php, the backend pages
// (sim/pages) and a control endpoint for tests (/__sim/...).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerApi, resolveApiMethod } from './api/dispatch';
import { handleControl } from './control';
import { applyFault } from './fault-responses';
import { FaultController } from './faults';
import { Hosting, type HostingOptions } from './latency';
import { buildContext, isExtensionOrigin, readBody } from './http/context';
import { Router, type SimContext } from './http/router';
import { registerPages } from './pages/index';
import { RequestLog } from './request-log';
import { applySeed, type SeedOption } from './seed';
import { SimState } from './state/state';
export type { FaultKind } from './faults';
export type { HostingStats } from './latency';

export interface SimOptions {
  /** 0 or omitted = a free port; always binds 127.0.0.1 only */
  port?: number;
  /** default 'demo'; the scale generator starts in seconds */
  seed?: SeedOption;
  /** Webasyst's own Shop<->CRM integration, default false */
  builtinIntegration?: boolean;
  /** default Shop backend UI when no force_set_wa_backend_ui_version cookie */
  uiVersion?: '2.0' | '1.3';
  /**
   * Serve as a PHP host across the internet would (sim/latency.ts): this many ms of round
   * trip per request (±20 % jitter), 4 workers, each method's own server time. Default 0 (off).
   */
  latency?: number | HostingOptions;
}

export interface Sim {
  /** installation root, e.g. "http://127.0.0.1:41234/" */
  url: string;
  /** a valid API token, scope shop,crm, for the admin user */
  token: string;
  login: string;
  password: string;
  state: SimState;
  faults: FaultController;
  log: RequestLog;
  /** Hosting latency and worker limit; `hosting.configure({ latencyMs })` changes it at run time. */
  hosting: Hosting;
  close(): Promise<void>;
}

export async function startSimulator(options: SimOptions = {}): Promise<Sim> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = `127.0.0.1:${port}`;
  const url = `http://${host}/`;

  const state = new SimState({ host, baseUrl: url });
  const admin = applySeed(state, options.seed ?? 'demo');
  state.integration.enabled = options.builtinIntegration ?? false;
  const log = new RequestLog(() => state.clock.now());
  state.onEffect((e) => log.recordEffect(e));
  const faults = new FaultController();
  const hosting = new Hosting(typeof options.latency === 'number' ? { latencyMs: options.latency } : options.latency);
  const router = new Router();
  const ctx: SimContext = {
    state,
    router,
    faults,
    log,
    url,
    hosting,
    uiVersion: options.uiVersion ?? '2.0',
    builtinIntegration: state.integration.enabled,
  };
  registerApi(ctx);
  registerPages(ctx);
  const token = state.issueToken(admin.id, 'API-Explorer', ['shop', 'crm']);
  log.clear();

  server.on('request', (req, res) => {
    handle(ctx, req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`Simulator error: ${(err as Error).message}`);
      } else res.destroy();
    });
  });

  return {
    url,
    token,
    login: admin.login!,
    password: admin.password!,
    state,
    faults,
    log,
    hosting,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.url);
  const method = (req.method ?? 'GET').toUpperCase();
  const rawBody = await readBody(req);
  if (url.pathname.startsWith('/__sim/')) {
    const rc = buildContext(ctx, req, res, url, rawBody, () => {});
    await handleControl(ctx, rc);
    return;
  }
  const apiMethod = resolveApiMethod(url);
  // Under hosting the request is logged when a worker takes it up, as a server's own log would.
  await ctx.hosting.serve(apiMethod, res, () => serveLogged(ctx, req, res, url, method, rawBody, apiMethod));
}

async function serveLogged(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
  rawBody: Buffer,
  apiMethod: string | null,
): Promise<void> {
  const entry = ctx.log.begin({
    httpMethod: method,
    path: url.pathname,
    apiMethod,
    userAgentIsExtension: isExtensionOrigin(req.headers.origin as string | undefined),
  });
  res.on('finish', () => (entry.status = res.statusCode));
  await ctx.log.run(entry, async () => {
    const rc = buildContext(ctx, req, res, url, rawBody, (id) => ctx.log.setActor(id));
    const dispatch = async () => {
      const route = ctx.router.match(method, url.pathname);
      if (!route) {
        rc.sendHtml(
          404,
          '<!DOCTYPE html><html><head><title>Error 404</title></head><body><h1>404</h1><p>Page not found</p></body></html>',
        );
        return;
      }
      rc.params = route.params;
      await route.handler(rc);
    };
    const fault = ctx.faults.take({ apiMethod, path: url.pathname, httpMethod: method });
    if (fault) await applyFault(fault, rc, dispatch);
    else await dispatch();
  });
}
