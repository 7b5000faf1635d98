// /__sim/...: control endpoints for out-of-process users (the sandbox CLI,
// benchmarks). Not part of Webasyst; never logged, never faulted.
import type { FaultRule } from './faults';
import type { RequestContext, SimContext } from './http/router';
import type { IntegrationSettings } from './state/types';

export async function handleControl(ctx: SimContext, rc: RequestContext): Promise<void> {
  const route = `${rc.method} ${rc.path.replace(/\/+$/, '')}`;
  const body = (rc.json ?? {}) as Record<string, unknown>;
  switch (route) {
    case 'GET /__sim/log':
      return rc.sendJson(200, { entries: ctx.log.entries(), effects: ctx.log.effects() });
    case 'DELETE /__sim/log':
      ctx.log.clear();
      return rc.sendJson(200, { ok: true });
    case 'GET /__sim/faults':
      return rc.sendJson(
        200,
        ctx.faults.list().map((f) => ({ ...f, match: { ...f.match, path: String(f.match.path ?? '') || undefined } })),
      );
    case 'POST /__sim/faults': {
      const rule = body as unknown as FaultRule & { match: { pathRegex?: string } };
      if (!rule.kind || typeof rule.match !== 'object')
        return rc.sendJson(400, { error: 'kind and match are required' });
      const match = { ...rule.match };
      if (match.pathRegex) match.path = new RegExp(match.pathRegex);
      delete match.pathRegex;
      return rc.sendJson(200, { id: ctx.faults.add({ ...rule, match }) });
    }
    case 'DELETE /__sim/faults': {
      const id = rc.query.get('id');
      if (id) ctx.faults.remove(Number(id));
      else ctx.faults.clear();
      return rc.sendJson(200, { ok: true });
    }
    case 'POST /__sim/clock': {
      if (typeof body.setMs === 'number') ctx.state.clock.set(body.setMs);
      if (typeof body.advanceMs === 'number') ctx.state.clock.advance(body.advanceMs);
      return rc.sendJson(200, { now: ctx.state.clock.now() });
    }
    case 'GET /__sim/hosting':
      return rc.sendJson(200, { ...ctx.hosting.settings, stats: ctx.hosting.stats() });
    case 'POST /__sim/hosting': {
      const { latencyMs, jitter, workers, seed, serverMs } = body as Record<string, unknown>;
      const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
      if (num(latencyMs) === undefined) return rc.sendJson(400, { error: 'latencyMs (a number) is required' });
      try {
        ctx.hosting.configure({
          latencyMs: num(latencyMs)!,
          jitter: num(jitter),
          workers: num(workers),
          seed: num(seed),
          serverMs: num(serverMs),
        });
      } catch (error) {
        return rc.sendJson(400, { error: (error as Error).message });
      }
      return rc.sendJson(200, ctx.hosting.settings);
    }
    case 'POST /__sim/integration': {
      const patch = body as Partial<IntegrationSettings>;
      const settings = ctx.state.integration;
      if (typeof patch.enabled === 'boolean') settings.enabled = patch.enabled;
      if (Array.isArray(patch.sources)) settings.sources = patch.sources;
      if (patch.mapping && typeof patch.mapping === 'object') settings.mapping = patch.mapping;
      return rc.sendJson(200, settings);
    }
    default:
      return rc.sendJson(404, { error: 'unknown control endpoint', route });
  }
}
