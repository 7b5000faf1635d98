import { ApiError } from '../api/errors';
import { isErrorBody } from '../api/classify';
import { fetchWithTimeout, looksLikeHtml, type RawReply } from '../api/client';
import { ConnectError } from './errors';

/**
 * Finds the Webasyst installation behind an address by asking each candidate root's
 * api.php for a method without a token: a Webasyst answers with its JSON error
 * (token_required); anything else is described, so the person learns what was found.
 */

export interface ProbeOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const PROBE_METHOD = 'webasyst.getInfo';
const PROBE_TIMEOUT_MS = 10_000;

type Finding =
  | { kind: 'found'; baseUrl: string }
  | { kind: 'elsewhere'; finalUrl: string }
  | { kind: 'disabled'; baseUrl: string }
  | { kind: 'unreachable' | 'timeout' | 'loop' | 'html' | 'other'; text: string };

export async function locateInstallation(candidates: string[], options: ProbeOptions = {}): Promise<string> {
  const findings: Array<{ base: string; finding: Finding }> = [];
  for (const base of candidates) {
    const finding = await probe(base, options);
    if (finding.kind === 'found') return finding.baseUrl;
    if (finding.kind === 'disabled') {
      throw new ConnectError(
        'api_disabled',
        `${finding.baseUrl} is a Webasyst, but its API is switched off (disable_api in its configuration). Ask its administrator to switch it on.`,
      );
    }
    if (finding.kind === 'elsewhere') {
      const root = finding.finalUrl.replace(/api\.php.*$/i, '');
      throw new ConnectError(
        'redirected_elsewhere',
        `${base} redirects to ${root}. Enter that address instead, so that Dealbridge asks for access to the right site.`,
      );
    }
    findings.push({ base, finding });
  }
  throw summarize(findings);
}

async function probe(base: string, options: ProbeOptions): Promise<Finding> {
  const url = new URL(`api.php/${PROBE_METHOD}`, base).toString();
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  let reply: RawReply;
  try {
    reply = await fetchWithTimeout(fetchFn, {
      method: PROBE_METHOD,
      url,
      init: {
        method: 'GET',
        headers: { Accept: 'application/json' },
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'follow',
      },
      timeoutMs,
    });
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'timeout') {
      return { kind: 'timeout', text: `did not answer within ${Math.round(timeoutMs / 1000)} s` };
    }
    return (await isRedirectLoop(fetchFn, url, timeoutMs))
      ? { kind: 'loop', text: 'keeps redirecting (a redirect loop)' }
      : { kind: 'unreachable', text: 'could not be reached' };
  }
  const redirectedTo = reply.redirected && reply.url !== url ? reply.url : null;
  const via = redirectedTo ? ` (redirected to ${redirectedTo})` : '';
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(reply.text);
  } catch {
    isJson = false;
  }
  if (isJson && isErrorBody(json)) {
    if (redirectedTo && new URL(redirectedTo).hostname !== new URL(url).hostname)
      return { kind: 'elsewhere', finalUrl: redirectedTo };
    // The root is where api.php really answered: an http → https redirect is followed here
    // once, so later POSTs never lose their body to it.
    const baseUrl = (redirectedTo ?? url).replace(/api\.php.*$/i, '');
    if (json.error === 'disabled') return { kind: 'disabled', baseUrl };
    return { kind: 'found', baseUrl };
  }
  if (!isJson && looksLikeHtml(reply)) {
    const title = htmlTitle(reply.text);
    return {
      kind: 'html',
      text: `answered with an HTML page (HTTP ${reply.status}${title ? `, “${title}”` : ''})${via}`,
    };
  }
  if (isJson)
    return { kind: 'other', text: `answered with JSON that is not from Webasyst (HTTP ${reply.status})${via}` };
  return {
    kind: 'other',
    text: `answered with something that is not JSON (HTTP ${reply.status}${reply.contentType ? `, ${reply.contentType.split(';')[0]}` : ''})${via}`,
  };
}

/** fetch gives up on endless redirects with a bare network error; asking again without following tells them apart. */
async function isRedirectLoop(fetchFn: typeof fetch, url: string, timeoutMs: number): Promise<boolean> {
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetchFn(url, {
        method: 'GET',
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
        signal: controller.signal,
      });
      return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
    } finally {
      clearTimeout(timer);
    }
  } catch {
    return false;
  }
}

function htmlTitle(html: string): string | null {
  const match = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(html);
  return match ? match[1].replace(/\s+/g, ' ').trim() || null : null;
}

function summarize(findings: Array<{ base: string; finding: Finding }>): ConnectError {
  const kinds = new Set(findings.map((f) => f.finding.kind));
  const details = findings
    .map(({ base, finding }) => `${base}api.php ${'text' in finding ? finding.text : ''}`)
    .join('; ');
  if (kinds.size === 1 && kinds.has('loop')) return new ConnectError('redirect_loop', `No Webasyst found: ${details}.`);
  if ([...kinds].every((k) => k === 'unreachable' || k === 'timeout')) {
    return new ConnectError('unreachable', `No server answered: ${details}. Check the address and your connection.`);
  }
  return new ConnectError('not_webasyst', `No Webasyst found at this address: ${details}.`);
}
