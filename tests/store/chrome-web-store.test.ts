/**
 * The Chrome package against the Chrome Web Store's rules that can be checked offline: the
 * manifest's fields and their length limits (in every locale), the icons, no remote code and
 * no loosened content security policy, and no permission that the built code does not use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROME_DIR, VERSION, codeFiles, listFiles, pngSize } from './packages';

type Manifest = Record<string, unknown> & {
  manifest_version: number;
  name: string;
  short_name?: string;
  description: string;
  version: string;
  default_locale?: string;
  icons?: Record<string, string>;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  background?: { service_worker?: string };
  action?: { default_popup?: string; default_icon?: string | Record<string, string> };
  options_ui?: { page?: string };
  content_scripts?: Array<{ matches: string[]; js?: string[] }>;
};

const manifest = JSON.parse(readFileSync(join(CHROME_DIR, 'manifest.json'), 'utf8')) as Manifest;
const code = codeFiles(CHROME_DIR);
const allJs = [...code]
  .filter(([file]) => file.endsWith('.js'))
  .map(([, text]) => text)
  .join('\n');

/** Manifest keys Chrome knows (MV3); anything else is an "Unrecognized manifest key" warning on upload. */
const CHROME_KEYS = new Set([
  'manifest_version',
  'name',
  'short_name',
  'version',
  'version_name',
  'description',
  'icons',
  'default_locale',
  'action',
  'background',
  'permissions',
  'optional_permissions',
  'host_permissions',
  'optional_host_permissions',
  'content_scripts',
  'content_security_policy',
  'options_ui',
  'options_page',
  'web_accessible_resources',
  'minimum_chrome_version',
  'homepage_url',
  'author',
  'commands',
  'incognito',
  'key',
  'externally_connectable',
  'declarative_net_request',
  'side_panel',
  'storage',
  'offline_enabled',
  'chrome_url_overrides',
]);

/** Where the Web Store reads each text and how long it may be (the dashboard refuses longer ones). */
const TEXT_LIMITS = { name: 75, short_name: 12, description: 132 } as const;

/**
 * What each permission this manifest may declare lets the code call: the permission counts as
 * used when the built code calls at least one of these members.
 */
const PERMISSION_USES: Record<string, RegExp> = {
  storage: /\.storage\.(local|session|sync|onChanged)\b/,
  alarms: /\.alarms\.(create|get|clear|onAlarm)\b/,
  scripting: /\.scripting\.(executeScript|registerContentScripts|updateContentScripts|insertCSS)\b/,
  cookies: /\.cookies\.(get|getAll|set|remove|onChanged)\b/,
  identity: /\.(launchWebAuthFlow|getRedirectURL)\b/,
  notifications: /\.notifications\.(create|clear|update|onClicked|onClosed)\b/,
};

/** Permission-gated APIs: calling one without declaring its permission fails at run time. */
const GATED_APIS: Record<string, RegExp> = {
  ...PERMISSION_USES,
  bookmarks: /\.bookmarks\.(get|getTree|search|create|onCreated)\b/,
  history: /\.history\.(search|addUrl|deleteUrl|getVisits|onVisited)\b/,
  downloads: /\.downloads\.(download|search|onChanged)\b/,
  webRequest: /\.webRequest\.on[A-Z]/,
  declarativeNetRequest: /\.declarativeNetRequest\.\w/,
  contextMenus: /\.contextMenus\.\w/,
  management: /\.management\.(getAll|getSelf|onInstalled)\b/,
  webNavigation: /\.webNavigation\.on[A-Z]/,
  debugger: /\.debugger\.(attach|sendCommand)\b/,
  nativeMessaging: /\.(connectNative|sendNativeMessage)\b/,
  tabGroups: /\.tabGroups\.\w/,
  sidePanel: /\.sidePanel\.\w/,
  offscreen: /\.offscreen\.createDocument\b/,
  topSites: /\.topSites\.get\b/,
  browsingData: /\.browsingData\.\w/,
  clipboardRead: /execCommand\(\s*[`'"]paste/,
};

function messages(locale: string): Record<string, { message: string }> {
  return JSON.parse(readFileSync(join(CHROME_DIR, '_locales', locale, 'messages.json'), 'utf8'));
}

/** A manifest text with `__MSG_name__` resolved in one locale (Chrome's own substitution rule). */
function resolveText(text: string, locale: string): string {
  const table = messages(locale);
  return text.replace(/__MSG_(\w+?)__/g, (_, key: string) => {
    const entry = Object.entries(table).find(([name]) => name.toLowerCase() === key.toLowerCase());
    if (!entry) throw new Error(`__MSG_${key}__ has no message in _locales/${locale}`);
    return entry[1].message;
  });
}

describe('Chrome Web Store: the manifest', () => {
  it('is MV3 with this release’s version in a form Chrome accepts, and only keys Chrome knows', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.version).toBe(VERSION);
    expect(manifest.version).toMatch(/^\d+(\.\d+){0,3}$/);
    for (const part of manifest.version.split('.')) expect(Number(part)).toBeLessThanOrEqual(65535);
    expect(Object.keys(manifest).filter((key) => !CHROME_KEYS.has(key))).toEqual([]);
  });

  const locales = listFiles(join(CHROME_DIR, '_locales')).map((file) => file.split('/')[0]);
  it('has its default locale among the packaged ones, and both English and Russian', () => {
    expect(manifest.default_locale).toBe('en');
    expect(locales.sort()).toEqual(['en', 'ru']);
  });

  for (const locale of ['en', 'ru']) {
    it(`name, short name and description fit the store's limits in "${locale}"`, () => {
      for (const [field, limit] of Object.entries(TEXT_LIMITS)) {
        const raw = manifest[field];
        if (raw === undefined) continue;
        const text = resolveText(String(raw), locale);
        expect(text.trim().length, `${field} in ${locale}`).toBeGreaterThan(0);
        expect(text.length, `${field} in ${locale}: "${text}"`).toBeLessThanOrEqual(limit);
      }
    });
  }

  it('names files that are in the package', () => {
    const files = new Set(listFiles(CHROME_DIR));
    const referenced = [
      manifest.background?.service_worker,
      manifest.action?.default_popup,
      manifest.options_ui?.page,
      ...Object.values(manifest.icons ?? {}),
      ...(manifest.content_scripts ?? []).flatMap((script) => script.js ?? []),
    ].filter((file): file is string => !!file);
    expect(referenced.length).toBeGreaterThan(3);
    for (const file of referenced) expect(files.has(file), file).toBe(true);
  });

  it('has no file or folder starting with "_" except _locales (Chrome refuses to load those)', () => {
    expect(
      listFiles(CHROME_DIR).filter((file) =>
        file.split('/').some((part) => part.startsWith('_') && part !== '_locales'),
      ),
    ).toEqual([]);
  });
});

describe('Chrome Web Store: icons', () => {
  for (const size of [16, 32, 48, 128]) {
    it(`${size}×${size} is declared, is a PNG and is square at that size`, () => {
      const file = manifest.icons?.[String(size)];
      expect(file, `icons.${size}`).toBeTruthy();
      const bytes = readFileSync(join(CHROME_DIR, file!));
      expect(pngSize(bytes)).toEqual({ width: size, height: size });
    });
  }
});

describe('Chrome Web Store: no remote code', () => {
  it('the content security policy is the default, or no looser', () => {
    const csp = manifest.content_security_policy;
    if (csp === undefined) return;
    for (const policy of Object.values(csp)) {
      expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*|data:|blob:/);
    }
  });

  it('pages load only scripts and styles from the package', () => {
    for (const [file, text] of code) {
      if (!file.endsWith('.html')) continue;
      const sources = [...text.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)=["']?([^"' >]+)/gi)].map((m) => m[1]);
      expect(sources.length, file).toBeGreaterThan(0);
      for (const source of sources) expect(source, `${file}: ${source}`).not.toMatch(/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i);
    }
  });

  it('the code loads no script from elsewhere and evaluates no strings', () => {
    for (const [file, text] of code) {
      if (!file.endsWith('.js')) continue;
      expect(text, file).not.toMatch(/\bimportScripts\s*\(/);
      expect(text, file).not.toMatch(/\bimport\s*\(\s*[`'"](?:https?:)?\/\//);
      expect(text, file).not.toMatch(/(?<![\w$.])eval\s*\(/);
      expect(text, file).not.toMatch(/\bnew\s+Function\b/);
      expect(text, file).not.toMatch(/\bset(?:Timeout|Interval)\s*\(\s*[`'"]/);
      // One Function constructor is allowed: zod's probe for whether it may compile parsers,
      // which the entrypoints switch off (`z.config({ jitless: true })`) and the CSP would refuse.
      for (const match of text.matchAll(/(?<![\w$.])Function\s*\(/g)) {
        const before = text.slice(Math.max(0, match.index - 200), match.index);
        expect(before, `${file}: Function( at ${match.index}`).toMatch(/\.jitless\|\|/);
      }
    }
  });
});

describe('Chrome Web Store: permissions', () => {
  it('carries no host permission and asks for each installation’s origin at run time', () => {
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(manifest.content_scripts ?? []).toEqual([]);
    // The optional origins are requested and checked by the code.
    expect(allJs).toMatch(/\.permissions\.request\(/);
    expect(allJs).toMatch(/\.permissions\.contains\(/);
  });

  it('every declared permission is used by the built code', () => {
    const declared = [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])];
    expect(declared.length).toBeGreaterThan(0);
    for (const permission of declared) {
      const use = PERMISSION_USES[permission];
      expect(
        use,
        `no known use for the permission "${permission}": add it to PERMISSION_USES or remove it`,
      ).toBeDefined();
      expect(allJs, `the permission "${permission}" is declared but not used`).toMatch(use);
    }
  });

  it('the code calls no permission-gated API it has not declared', () => {
    const declared = new Set(manifest.permissions ?? []);
    for (const [api, use] of Object.entries(GATED_APIS)) {
      if (!declared.has(api)) expect(allJs, `browser.${api} is used without its permission`).not.toMatch(use);
    }
  });

  it('each permission has its reason in docs/store/permissions.md', () => {
    const doc = readFileSync(join(CHROME_DIR, '../../docs/store/permissions.md'), 'utf8');
    for (const permission of [...(manifest.permissions ?? []), ...(manifest.optional_host_permissions ?? [])]) {
      expect(doc, permission).toContain(`\`${permission}\``);
    }
  });
});

describe('Chrome Web Store: the package', () => {
  it('exists for this version', () => {
    expect(existsSync(join(CHROME_DIR, '..', `dealbridge-${VERSION}-chrome.zip`))).toBe(true);
  });
});
