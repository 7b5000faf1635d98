// The frame around every backend page: the Webasyst header with the app icons (UI 2.0 bar or
// UI 1.3 header with the app name and user), the document head and the page's own assets.
import { html, type SafeHtml } from '../html';
import { formatHeaderDate } from '../format';

export interface LayoutOptions {
  title: string;
  ui: '2.0' | '1.3';
  app: 'shop' | 'crm' | 'webasyst';
  userName: string;
  storeName: string;
  now: Date;
  css: string[];
  scripts: string[];
  /** JSON handed to the page script as window.__simPage. */
  bootstrap?: SafeHtml;
  htmlClass?: string;
}

const APPS: { id: string; name: string; glyph: string; color: string }[] = [
  { id: 'webasyst', name: 'Settings', glyph: '⚙', color: '#8a8f98' },
  { id: 'installer', name: 'Installer', glyph: '✦', color: '#3b7' },
  { id: 'site', name: 'Site', glyph: '▣', color: '#8a4fff' },
  { id: 'team', name: 'Team', glyph: '★', color: '#f7c600' },
  { id: 'shop', name: 'Shop-Script', glyph: '$', color: '#0a9a7a' },
  { id: 'crm', name: 'CRM', glyph: '✺', color: '#f47b20' },
];

function appIcons(active: string, labels: boolean): SafeHtml {
  return html`${APPS.map(
    (a) => html`<li class="${a.id === active ? 'selected' : ''}" data-app="${a.id}">
  <a href="/webasyst/${a.id === 'webasyst' ? 'webasyst/settings' : a.id}/"><span class="wa-app-icon" style="background:${a.color}">${a.glyph}</span>${labels ? html`<span class="wa-app-name">${a.name}</span>` : ''}</a>
</li>`,
  )}`;
}

function header20(opts: LayoutOptions): SafeHtml {
  return html`<div id="wa-nav">
  <div id="wa-header">
    <div class="wa-header-home"><a href="/webasyst/">⌂</a></div>
    <ul class="wa-applist">${appIcons(opts.app, false)}</ul>
    <div class="wa-header-right"><span class="wa-header-glyph">▦</span><span class="wa-header-glyph">⚑</span><span class="wa-header-userpic" title="${opts.userName}"></span></div>
  </div>
  <div id="crm-popup-area" style="display:none;"></div>
</div>
<div class="wa-header-background dialog-background js-header-background"></div>`;
}

function header13(opts: LayoutOptions): SafeHtml {
  return html`<div id="wa-nav">
  <div id="wa-header">
    <div class="wa-header-account"><h3>${opts.storeName}</h3><span class="wa-header-date">${formatHeaderDate(opts.now)}</span></div>
    <ul class="wa-applist">${appIcons(opts.app, true)}</ul>
    <div class="wa-header-user"><span class="wa-header-userpic"></span><div><strong>${opts.userName}</strong><br><span class="wa-ui-badge">Enable 2.0</span> <a href="/webasyst/?action=logout" class="hint">log out</a></div></div>
  </div>
  <div id="crm-popup-area" style="display:none;"></div>
</div>`;
}

export function renderBackendPage(opts: LayoutOptions, body: SafeHtml, afterWa: SafeHtml = html``): string {
  const is20 = opts.ui === '2.0';
  const htmlClass = opts.htmlClass ?? (is20 ? 'is-wa2' : '');
  return `<!DOCTYPE html>\n${html`<html${is20 ? html` data-theme="light"` : ''} class="${htmlClass}">
<head>
  <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
  <title>${opts.title}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  ${opts.css.map((href) => html`<link rel="stylesheet" href="${href}">`)}
</head>
<body>
  <div id="wa">
    ${is20 ? header20(opts) : header13(opts)}
    ${body}
  </div>
  ${afterWa}
  ${opts.bootstrap ? html`<script>window.__simPage = ${opts.bootstrap};</script>` : ''}
  ${opts.scripts.map((src) => html`<script src="${src}"></script>`)}
</body>
</html>`}`;
}
