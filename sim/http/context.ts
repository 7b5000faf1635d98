// Builds the RequestContext handed to route handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookies, parsePhpQuery, type PhpForm } from './form';
import type { RequestContext, SimContext } from './router';

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export const isExtensionOrigin = (origin: string | undefined) => /^(chrome|moz)-extension:\/\//i.test(origin ?? '');

export function buildContext(
  sim: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  rawBody: Buffer,
  setActor: (id: number | null) => void,
): RequestContext {
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  const text = rawBody.toString('utf8');
  // Like PHP: only form-encoded bodies fill $_POST; JSON stays in php://input.
  let post: PhpForm = {};
  if (contentType.startsWith('application/x-www-form-urlencoded')) post = parsePhpQuery(text);
  else if (contentType.startsWith('multipart/form-data')) post = parseMultipart(text, contentType);
  let json: unknown;
  try {
    json = text.trim() ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const send = (status: number, body: string | Buffer, headers: Record<string, string | string[]> = {}) => {
    if (res.headersSent) return;
    res.writeHead(status, headers);
    res.end(body);
  };
  return {
    req,
    res,
    method: (req.method ?? 'GET').toUpperCase(),
    url,
    path: url.pathname,
    query: url.searchParams,
    get: parsePhpQuery(url.search.slice(1)),
    post,
    rawBody,
    json,
    cookies: parseCookies(req.headers.cookie),
    params: {},
    state: sim.state,
    sim,
    fromExtension: isExtensionOrigin(req.headers.origin as string | undefined),
    setActor,
    send,
    sendJson: (status, value, headers = {}) =>
      send(status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8', ...headers }),
    sendHtml: (status, html, headers = {}) =>
      send(status, html, { 'Content-Type': 'text/html; charset=utf-8', ...headers }),
    redirect: (location, status = 302, headers = {}) => send(status, '', { Location: location, ...headers }),
  };
}

/** Text fields of a multipart body (files are not needed by any simulated method). */
function parseMultipart(text: string, contentType: string): PhpForm {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return {};
  const pairs: [string, string][] = [];
  for (const part of text.split(`--${boundary}`)) {
    const m =
      /^\r\nContent-Disposition: form-data; name="([^"]+)"(?:; filename="[^"]*")?\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*)\r\n$/i.exec(
        part,
      );
    if (m) pairs.push([m[1], m[2]]);
  }
  return parsePhpQuery(new URLSearchParams(pairs).toString());
}
