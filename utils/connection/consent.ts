import { browser } from 'wxt/browser';
import { consentUrl } from '../api/methods/auth';
import { ConnectError } from './errors';

/**
 * Webasyst's own consent page (api.php/auth, response_type=token) gives the token in the
 * redirect's fragment. Two ways to catch that redirect:
 * - identity.launchWebAuthFlow (its own window, redirect to the extension's chromiumapp.org /
 *   allizom.org address), where the browser has it;
 * - a normal tab whose redirect to the installation's own backend URL is caught with
 *   tabs.onUpdated and closed at once. The fragment never reaches the server.
 */

export interface ConsentOptions {
  /** Use the tab even where launchWebAuthFlow exists (test builds: a headless browser cannot drive its window). */
  preferTab?: boolean;
  /** The tab that asked (the options page), focused again afterwards. */
  openerTabId?: number | null;
  /** How long the person may take on the consent page. */
  timeoutMs?: number;
}

const CONSENT_TIMEOUT_MS = 10 * 60_000;
const TAB_REDIRECT_PATH = 'webasyst/?dealbridge-auth';

export async function obtainTokenByConsent(baseUrl: string, options: ConsentOptions = {}): Promise<string> {
  const identity = (browser as { identity?: typeof browser.identity }).identity;
  if (!options.preferTab && identity?.launchWebAuthFlow) {
    try {
      return await consentInAuthWindow(baseUrl, identity);
    } catch (error) {
      if (error instanceof ConnectError) throw error;
      // The browser could not show or load the window (e.g. no window in a headless browser): use a tab.
      console.warn(
        'Dealbridge: launchWebAuthFlow failed; using a tab for the consent page.',
        error instanceof Error ? error.name : '',
      );
    }
  }
  return consentInTab(baseUrl, options);
}

async function consentInAuthWindow(baseUrl: string, identity: typeof browser.identity): Promise<string> {
  const redirectUri = identity.getRedirectURL('webasyst');
  let result: string | undefined;
  try {
    result = await identity.launchWebAuthFlow({
      url: consentUrl(baseUrl, { responseType: 'token', redirectUri }),
      interactive: true,
    });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/did not approve|cancel|closed/i.test(text)) {
      throw new ConnectError(
        'consent_closed',
        'The Webasyst consent window was closed before access was given. Click Connect to try again.',
      );
    }
    throw error;
  }
  if (!result) throw new Error('launchWebAuthFlow returned no URL');
  return tokenFromRedirect(result);
}

/** The token from `…#access_token=…`, or the refusal from `#error=access_denied`. */
export function tokenFromRedirect(url: string): string {
  const parsed = new URL(url);
  const params = new URLSearchParams(parsed.hash.replace(/^#/, ''));
  for (const [key, value] of parsed.searchParams) if (!params.has(key)) params.set(key, value);
  const token = params.get('access_token');
  if (token && /^[A-Za-z0-9]{16,128}$/.test(token)) return token;
  const error = params.get('error');
  if (error === 'access_denied') {
    throw new ConnectError(
      'consent_refused',
      'Access was refused on Webasyst’s consent page, so Dealbridge is not connected. Click Connect and choose to allow access.',
    );
  }
  throw new ConnectError(
    'consent_failed',
    `Webasyst’s consent page did not give a token${error ? ` (error: ${error.slice(0, 60)})` : ''}.`,
  );
}

export function tabRedirectUri(baseUrl: string): string {
  return new URL(TAB_REDIRECT_PATH, baseUrl).toString();
}

/** Opens the consent page in a tab and resolves with the token when it redirects back. */
export function consentInTab(baseUrl: string, options: ConsentOptions = {}): Promise<string> {
  const redirectUri = tabRedirectUri(baseUrl);
  const url = consentUrl(baseUrl, { responseType: 'token', redirectUri });
  return new Promise<string>((resolve, reject) => {
    let tabId: number | null = null;
    let settled = false;
    // Redirects seen before tabs.create resolved (a consent page that answers at once).
    const early = new Map<number, string>();
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new ConnectError(
              'consent_failed',
              'Nothing happened on Webasyst’s consent page for 10 minutes. Click Connect to try again.',
            ),
          ),
        ),
      options.timeoutMs ?? CONSENT_TIMEOUT_MS,
    );

    const onUpdated = (id: number, change: { url?: string }, tab: { url?: string }) => {
      const current = change.url ?? tab.url;
      if (!current || !isRedirect(current, redirectUri)) return;
      if (tabId === null) early.set(id, current);
      if (id !== tabId) return;
      caught(current);
    };
    const caught = (current: string) =>
      finish(() => {
        try {
          resolve(tokenFromRedirect(current));
        } catch (error) {
          reject(error);
        }
      });
    const onRemoved = (id: number) => {
      if (id !== tabId) return;
      tabId = null; // already gone: nothing to close
      finish(() =>
        reject(
          new ConnectError(
            'consent_closed',
            'Webasyst’s consent page was closed before access was given. Click Connect to try again.',
          ),
        ),
      );
    };

    function finish(settle: () => void) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      const closing = tabId;
      tabId = null;
      if (closing !== null) void browser.tabs.remove(closing).catch(() => undefined);
      if (options.openerTabId != null)
        void browser.tabs.update(options.openerTabId, { active: true }).catch(() => undefined);
      settle();
    }

    // Listeners first, so that a fast redirect is not missed.
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onRemoved.addListener(onRemoved);
    browser.tabs.create({ url, active: true }).then(
      (tab) => {
        if (tab.id === undefined)
          finish(() => reject(new ConnectError('consent_failed', 'The browser did not open the consent page.')));
        else if (!settled) {
          tabId = tab.id;
          const seen = early.get(tab.id);
          early.clear();
          if (seen) caught(seen);
        } else void browser.tabs.remove(tab.id).catch(() => undefined);
      },
      () => finish(() => reject(new ConnectError('consent_failed', 'The browser did not open the consent page.'))),
    );
  });
}

function isRedirect(current: string, redirectUri: string): boolean {
  return current.split('#')[0] === redirectUri;
}

/** Opens the consent page without a redirect: Webasyst then shows a code to paste into Dealbridge. */
export async function openCodePage(baseUrl: string): Promise<void> {
  await browser.tabs.create({ url: consentUrl(baseUrl, { responseType: 'code' }), active: true });
}
