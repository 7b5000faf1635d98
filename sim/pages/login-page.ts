// The backend login form (shown at any backend URL when there is no session).
import { html } from './html';

export interface LoginPageOptions {
  action: string;
  csrf: string;
  error: string | null;
  login: string;
}

export function renderLoginPage(opts: LoginPageOptions): string {
  return `<!DOCTYPE html>\n${html`<html data-theme="light" class="is-wa2">
<head>
  <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
  <title>Log in — Webasyst</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/wa-content/sim/wa2.css">
</head>
<body class="wa-login-page">
  <div class="wa-login-form-wrapper">
    <div class="wa-login-form-header"><span class="wa-app-icon" style="background:#0a9a7a">W</span><h1>Webasyst</h1></div>
    <form method="post" action="${opts.action}" class="wa-login-form" id="wa-login-form">
      ${opts.error ? html`<div class="wa-login-error state-error" id="wa-login-error">${opts.error}</div>` : ''}
      <div class="wa-field"><label for="wa-login-login">Login</label><input type="text" name="login" id="wa-login-login" value="${opts.login}" autocomplete="username" autofocus></div>
      <div class="wa-field"><label for="wa-login-password">Password</label><input type="password" name="password" id="wa-login-password" autocomplete="current-password"></div>
      <div class="wa-field"><label><input type="checkbox" name="remember" value="1"> Remember me</label></div>
      <input type="hidden" name="wa_auth_login" value="1">
      <input type="hidden" name="_csrf" value="${opts.csrf}">
      <div class="wa-field"><input type="submit" class="button blue" id="wa-login-submit" value="Log in"></div>
    </form>
  </div>
</body>
</html>`}`;
}
