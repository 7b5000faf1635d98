// api.php/auth: the OAuth-like consent page. Login form first when there is no
// session, then an approve/deny form (POST with _csrf); tokens come from the state's token store
// (same client_id + user → same token, scope overwritten), codes from its auth-code store.
import type { RequestContext, SimContext } from '../../http/router';
import { phpString } from '../../http/form';
import type { Contact } from '../../state/types';
import { html, type SafeHtml } from '../html';
import { contactName } from '../people';
import { backendGate, redirect, replyHtml, type BackendUser } from '../session';

const APP_NAMES: Record<string, string> = { shop: 'Shop-Script', crm: 'CRM', webasyst: 'Webasyst' };

interface AuthRequest {
  clientId: string;
  clientName: string;
  responseType: 'token' | 'code';
  scope: string[];
  redirectUri: string | null;
}

function page(title: string, body: SafeHtml): string {
  return `<!DOCTYPE html>\n${html`<html data-theme="light" class="is-wa2">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/wa-content/sim/wa2.css"></head>
<body class="wa-login-page"><div class="wa-login-form-wrapper wa-api-auth">${body}</div></body></html>`}`;
}

function errorPage(rc: RequestContext, message: string): void {
  replyHtml(rc, 200, page('Error', html`<h1>Error</h1><p class="state-error" id="wa-api-auth-error">${message}</p>`));
}

/** Apps the user has backend rights to. */
function allowedApps(user: Contact): string[] {
  const rights = user.rights;
  if (!rights) return [];
  const apps: string[] = [];
  if (rights.shop !== 'none') apps.push('shop');
  if (rights.crm !== 'none') apps.push('crm');
  return apps;
}

function parseRequest(rc: RequestContext, user: BackendUser): AuthRequest | string {
  const q = (name: string) => (phpString(rc.get[name]) ?? '').trim();
  const clientId = q('client_id');
  const clientName = q('client_name');
  const responseType = q('response_type');
  const scopeText = q('scope');
  const redirectUri = q('redirect_uri') || null;
  if (!clientId || !clientName || !responseType || !scopeText)
    return 'Required parameters are missing: client_id, client_name, response_type, scope.';
  if (responseType !== 'token' && responseType !== 'code') return `Invalid response_type: ${responseType}`;
  if (responseType === 'token' && !redirectUri) return 'redirect_uri is required for response_type=token.';
  const allowed = allowedApps(user.contact);
  const scope = [
    ...new Set(
      scopeText
        .split(',')
        .map((s) => s.trim())
        .filter((s) => allowed.includes(s)),
    ),
  ];
  if (!scope.length) return 'invalid scope';
  return { clientId: clientId.slice(0, 32), clientName, responseType, scope, redirectUri };
}

function withParam(uri: string, key: string, value: string, fragment: boolean): string {
  if (fragment) return `${uri.split('#')[0]}#${key}=${encodeURIComponent(value)}`;
  const [base, hash] = uri.split('#');
  return `${base}${base.includes('?') ? '&' : '?'}${key}=${encodeURIComponent(value)}${hash !== undefined ? `#${hash}` : ''}`;
}

function consentForm(rc: RequestContext, req: AuthRequest, user: BackendUser): void {
  replyHtml(
    rc,
    200,
    page(
      `Authorize ${req.clientName}`,
      html`<form method="post" action="${rc.url.pathname + rc.url.search}" class="wa-api-auth-form" id="wa-api-auth-form">
  <h1 id="wa-api-auth-title">${req.clientName}</h1>
  <p>The application <strong>${req.clientName}</strong> requests access to your account <strong>${contactName(user.contact)}</strong> in these apps:</p>
  <ul class="wa-api-auth-scope" id="wa-api-auth-scope">${req.scope.map((app) => html`<li data-app="${app}">${APP_NAMES[app] ?? app}</li>`)}</ul>
  <input type="hidden" name="_csrf" value="${rc.cookies._csrf}">
  <div class="wa-field">
    <button type="submit" name="approve" value="1" class="button green" id="wa-api-auth-approve">Allow</button>
    <button type="submit" name="deny" value="1" class="button light-gray" id="wa-api-auth-deny">Deny</button>
  </div>
</form>`,
    ),
  );
}

function decide(rc: RequestContext, req: AuthRequest, user: BackendUser): void {
  const approved = phpString(rc.post.approve) === '1' && phpString(rc.post.deny) !== '1';
  const fragment = req.responseType === 'token';
  if (!approved) {
    if (req.redirectUri) return redirect(rc, withParam(req.redirectUri, 'error', 'access_denied', fragment));
    return replyHtml(
      rc,
      200,
      page(
        'Access denied',
        html`<h1>Access denied</h1><p id="wa-api-auth-denied">Access was not granted to ${req.clientName}.</p>`,
      ),
    );
  }
  if (req.responseType === 'token') {
    const token = rc.state.issueToken(user.contact.id, req.clientId, req.scope);
    return redirect(rc, withParam(req.redirectUri!, 'access_token', token, true));
  }
  const code = rc.state.issueAuthCode(user.contact.id, req.clientId, req.scope);
  if (req.redirectUri) return redirect(rc, withParam(req.redirectUri, 'code', code, false));
  replyHtml(
    rc,
    200,
    page(
      'Authorization code',
      html`<h1>Authorization code</h1><p>Copy this code into ${req.clientName}. It is valid for 3 minutes.</p>
<input type="text" readonly class="wa-api-auth-code" id="wa-api-auth-code" value="${code}">`,
    ),
  );
}

function authPage(rc: RequestContext): void {
  const user = backendGate(rc, { lastPage: false });
  if (!user) return;
  const req = parseRequest(rc, user);
  if (typeof req === 'string') return errorPage(rc, req);
  if (rc.method === 'POST') return decide(rc, req, user);
  consentForm(rc, req, user);
}

export function registerConsentPage(ctx: SimContext): void {
  ctx.router.any((path) => (path.replace(/\/+$/, '') === '/api.php/auth' ? {} : null), authPage);
}
