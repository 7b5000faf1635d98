// What each injected fault does to a request.
import type { FaultRule } from './faults';
import type { RequestContext } from './http/router';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const apiError = (error: string, description: string) => ({ error, error_description: description });

export async function applyFault(rule: FaultRule, rc: RequestContext, dispatch: () => Promise<void>): Promise<void> {
  switch (rule.kind) {
    case 'latency':
      await sleep(rule.ms ?? 1000);
      return dispatch();
    case 'hang':
      // Never answer; the socket closes when the client gives up or the server stops.
      return;
    case 'reset':
      rc.req.socket.destroy();
      return;
    case 'status5xx':
      return rc.sendJson(rule.status ?? 500, apiError('server_error', 'Internal server error'));
    case 'unauthorized':
      return rc.sendJson(401, apiError('invalid_token', 'Invalid access token'));
    case 'rateLimited':
      return rc.sendJson(429, apiError('rate_limited', 'Too many requests'), {
        'Retry-After': String(rule.retryAfter ?? 1),
      });
    case 'malformed':
      return rc.send(200, '{"offset":0,"limit":100,"count":', { 'Content-Type': 'application/json; charset=utf-8' });
    case 'html':
      return rc.sendHtml(
        rule.status ?? 200,
        '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
      );
    case 'appliedThen500':
      await runMuted(rc, dispatch);
      return rc.sendJson(rule.status ?? 500, apiError('server_error', 'Internal server error'));
  }
}

/** Run the real handler (its effects happen) but swallow its reply. */
async function runMuted(rc: RequestContext, dispatch: () => Promise<void>): Promise<void> {
  const res = rc.res;
  const original = { writeHead: res.writeHead, write: res.write, end: res.end, setHeader: res.setHeader };
  const self = () => res;
  Object.assign(res, { writeHead: self, write: () => true, end: self, setHeader: self });
  try {
    await dispatch();
  } finally {
    Object.assign(res, original);
  }
}
