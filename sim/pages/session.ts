// Backend sessions as the real framework answers them (sim/README.md, "Oddities kept on purpose"): PHPSESSID (HttpOnly) and
// `_csrf` (readable by page scripts, SameSite=Lax) cookies, `last_page` set by non-XHR GETs,
// no-session replies that are always 200 (login form, or `wa-session-expired: 1` for XHR),
// and double-submit CSRF on every backend POST.
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../http/router';
import { phpString } from '../http/form';
import type { Contact } from '../state/types';
import { html } from './html';
import { renderLoginPage } from './login-page';

const LAST_PAGE_MAX_AGE = 31 * 24 * 3600;

export interface BackendUser {
  contact: Contact;
  sessionId: string;
}

function isXhr(rc: RequestContext): boolean {
  return String(rc.req.headers['x-requested-with'] ?? '').toLowerCase() === 'xmlhttprequest';
}

/** Cookies that must go out with this reply (set by the helpers below, sent by `reply*`). */
const pendingCookies = new WeakMap<RequestContext, string[]>();

function addCookie(rc: RequestContext, cookie: string): void {
  const list = pendingCookies.get(rc) ?? [];
  list.push(cookie);
  pendingCookies.set(rc, list);
}

function withCookies(
  rc: RequestContext,
  headers: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  const cookies = pendingCookies.get(rc);
  return cookies?.length ? { ...headers, 'Set-Cookie': cookies } : headers;
}

export function replyHtml(
  rc: RequestContext,
  status: number,
  body: string,
  headers: Record<string, string | string[]> = {},
): void {
  rc.sendHtml(status, body, withCookies(rc, { 'Cache-Control': 'no-store', ...headers }));
}

/** Backend controllers label replies JSON only when the request says it is an XHR. */
export function replyJson(rc: RequestContext, status: number, value: unknown): void {
  const type = isXhr(rc) ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8';
  rc.send(status, JSON.stringify(value), withCookies(rc, { 'Content-Type': type, 'Cache-Control': 'no-store' }));
}

export function redirect(rc: RequestContext, location: string): void {
  rc.redirect(location, 302, withCookies(rc));
}

/** The `_csrf` cookie value, created on the spot when the browser has none. */
function ensureCsrf(rc: RequestContext): string {
  const existing = rc.cookies._csrf;
  if (existing) return existing;
  const token = `${randomBytes(16).toString('hex')}.${Math.floor(rc.state.clock.now() / 1000)}`;
  rc.cookies._csrf = token;
  addCookie(rc, `_csrf=${token}; Path=/; SameSite=Lax`);
  return token;
}

function csrfValid(rc: RequestContext): boolean {
  const sent = phpString(rc.post._csrf);
  const cookie = rc.cookies._csrf;
  return !!sent && !!cookie && sent === cookie;
}

function replyForbidden(rc: RequestContext): void {
  ensureCsrf(rc);
  replyHtml(
    rc,
    403,
    `<!DOCTYPE html>\n${html`<html><head><title>Error #403</title></head><body class="error-page"><div class="error-page-block"><h1>Error #403</h1><p>CSRF Protection</p></div></body></html>`}`,
  );
}

function currentUser(rc: RequestContext): BackendUser | null {
  const sessionId = rc.cookies.PHPSESSID;
  const session = rc.state.sessionFor(sessionId);
  if (!session) return null;
  const contact = rc.state.contact(session.contactId);
  if (contact?.isUser !== 1) return null;
  rc.setActor(contact.id);
  return { contact, sessionId: session.id };
}

/** 200 with the login form, or the short XHR reply: never a redirect or 401. */
function replyNoSession(rc: RequestContext, error: string | null = null): void {
  const csrf = ensureCsrf(rc);
  if (isXhr(rc)) {
    rc.send(
      200,
      'Session has expired',
      withCookies(rc, { 'Content-Type': 'text/html; charset=utf-8', 'wa-session-expired': '1' }),
    );
    return;
  }
  replyHtml(
    rc,
    200,
    renderLoginPage({ action: rc.url.pathname + rc.url.search, csrf, error, login: phpString(rc.post.login) ?? '' }),
  );
}

/**
 * Handles the login form's POST (fields login, password, wa_auth_login=1, _csrf) at any backend URL.
 * @returns true when the request was answered
 */
function handleLoginPost(rc: RequestContext): boolean {
  if (rc.method !== 'POST' || phpString(rc.post.wa_auth_login) !== '1') return false;
  if (!csrfValid(rc)) {
    replyForbidden(rc);
    return true;
  }
  const session = rc.state.login(phpString(rc.post.login) ?? '', phpString(rc.post.password) ?? '');
  if (!session) {
    replyNoSession(rc, 'Invalid login name or password.');
    return true;
  }
  addCookie(rc, `PHPSESSID=${session.id}; Path=/; HttpOnly`);
  const here = rc.url.pathname + rc.url.search;
  const lastPage = rc.cookies.last_page;
  const target =
    rc.url.pathname === '/webasyst/' && !rc.url.search && lastPage?.startsWith('/webasyst/') ? lastPage : here;
  redirect(rc, target);
  return true;
}

export function logout(rc: RequestContext): void {
  if (rc.cookies.PHPSESSID) rc.state.auth.destroySession(rc.cookies.PHPSESSID);
  addCookie(rc, 'PHPSESSID=deleted; Path=/; Max-Age=0; HttpOnly');
  redirect(rc, '/webasyst/');
}

/** Every non-XHR GET of a backend page becomes the page the user lands on after the next login. */
function rememberLastPage(rc: RequestContext): void {
  if (rc.method !== 'GET' || isXhr(rc)) return;
  const value = rc.url.pathname + rc.url.search;
  addCookie(rc, `last_page=${encodeURIComponent(value)}; Path=/webasyst/; Max-Age=${LAST_PAGE_MAX_AGE}; HttpOnly`);
}

/**
 * The gate in front of every backend handler: login POSTs, no-session replies, CSRF on POST,
 * `_csrf` and `last_page` cookies. Returns the user, or null when the request was answered.
 */
export function backendGate(rc: RequestContext, opts: { lastPage?: boolean } = {}): BackendUser | null {
  if (handleLoginPost(rc)) return null;
  ensureCsrf(rc);
  const user = currentUser(rc);
  if (!user) {
    replyNoSession(rc);
    return null;
  }
  if (rc.method === 'POST' && !csrfValid(rc)) {
    replyForbidden(rc);
    return null;
  }
  if (opts.lastPage !== false) rememberLastPage(rc);
  return user;
}
