import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';

/**
 * Dealbridge's content scripts are registered at run time, only for the connected
 * installation's backend (an origin the person granted), never for every site.
 */

export interface PageScript {
  id: string;
  /** The built file (a WXT entrypoint with registration: 'runtime'). */
  file: ScriptPublicPath;
  /** Backend path below the installation root. */
  path: string;
}

export const PAGE_SCRIPTS: PageScript[] = [
  // Both Shop UIs (2.0 and 1.3) live under webasyst/shop/.
  { id: 'dealbridge-order-page', file: '/content-scripts/order-page.js', path: 'webasyst/shop/*' },
  // Top frame only: CRM's Order tab is an iframe holding a Shop order view.
  { id: 'dealbridge-deal-page', file: '/content-scripts/deal-page.js', path: 'webasyst/crm/*' },
];

/** Firefox's match patterns cannot carry a port; Chrome's can (and should, to stay on the installation). */
const PATTERNS_WITH_PORT = !import.meta.env.FIREFOX;

/** `<scheme>://<host>[:port]<root path><backend path>` */
function matchPattern(baseUrl: string, script: PageScript, withPort = PATTERNS_WITH_PORT): string {
  const url = new URL(baseUrl);
  const host = withPort && url.port ? `${url.hostname}:${url.port}` : url.hostname;
  const root = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return `${url.protocol}//${host}${root}${script.path}`;
}

/**
 * Makes the registrations match this installation. Returns true when anything had to be
 * (re)registered: then pages opened before did not get the scripts and need injecting.
 */
export async function registerPageScripts(baseUrl: string): Promise<boolean> {
  const ids = PAGE_SCRIPTS.map((s) => s.id);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids });
  let changed = false;
  for (const script of PAGE_SCRIPTS) {
    const matches = [matchPattern(baseUrl, script)];
    const registration = {
      id: script.id,
      js: [registeredPath(script)],
      matches,
      runAt: 'document_idle' as const,
      allFrames: false,
      persistAcrossSessions: true,
    };
    const current = existing.find((e) => e.id === script.id);
    if (!current) {
      await browser.scripting.registerContentScripts([registration]);
      changed = true;
    } else if (
      JSON.stringify(current.matches) !== JSON.stringify(matches) ||
      (current.js ?? []).map(stripSlash).join() !== registeredPath(script)
    ) {
      await browser.scripting.updateContentScripts([registration]);
      changed = true;
    }
  }
  return changed;
}

function registeredPath(script: PageScript): string {
  return stripSlash(script.file);
}

function stripSlash(path: string): string {
  return path.replace(/^\/+/, '');
}

export async function unregisterPageScripts(ids: string[] = PAGE_SCRIPTS.map((s) => s.id)): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((e) => e.id) });
}

/** The order page's script: it stays after disconnecting, to offer "Connect Dealbridge" where the merchant works. */
export const ORDER_PAGE_SCRIPT_ID = 'dealbridge-order-page';

/** The address the order page's script is registered for, if it is. */
export async function orderPageScriptPattern(): Promise<string | null> {
  const [registered] = await browser.scripting.getRegisteredContentScripts({ ids: [ORDER_PAGE_SCRIPT_ID] });
  return registered?.matches?.[0] ?? null;
}

/** Runs the scripts in backend tabs that were already open, so nobody has to reload them. */
export async function injectIntoOpenTabs(baseUrl: string): Promise<number> {
  let injected = 0;
  for (const script of PAGE_SCRIPTS) {
    const tabs = await browser.tabs.query({ url: matchPattern(baseUrl, script) });
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      try {
        await browser.scripting.executeScript({ target: { tabId: tab.id }, files: [script.file] });
        injected++;
      } catch (error) {
        // A tab that navigated away or is still loading an error page: it gets the script when it loads.
        console.warn('Dealbridge: could not inject into an open backend tab', error instanceof Error ? error.name : '');
      }
    }
  }
  return injected;
}
