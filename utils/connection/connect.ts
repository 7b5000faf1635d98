import { browser } from 'wxt/browser';
import { ApiError } from '../api/errors';
import { exchangeCode, revokeToken } from '../api/methods/auth';
import { notifyStatusChanged } from '../badge/status-events';
import { linkStore } from '../db/links';
import type { ConnectionView } from '../messaging/models';
import { updateSettings } from '../settings/store';
import { AddressError, normalizeAddress, originPatternOf, type NormalizedAddress } from './address';
import { obtainTokenByConsent, openCodePage } from './consent';
import {
  injectIntoOpenTabs,
  ORDER_PAGE_SCRIPT_ID,
  orderPageScriptPattern,
  PAGE_SCRIPTS,
  registerPageScripts,
  unregisterPageScripts,
} from './content-scripts';
import { dropCachedApi, toConnectionView } from './current';
import { ConnectError } from './errors';
import { emitConnectionChanged } from './events';
import { locateInstallation } from './probe';
import { clearConnection, readConnection, writeConnection, type StoredConnection } from './store';
import { verifyToken, type VerifiedConnection } from './verify';

/**
 * Connecting and disconnecting, start to end. Nothing stored changes until the new token
 * has been checked, so a failed attempt leaves the previous connection and settings as
 * they were.
 */

export type Credentials =
  | { via: 'consent'; preferTab?: boolean; openerTabId?: number | null }
  | { via: 'code'; code: string }
  | { via: 'token'; token: string };

let connecting = false;

export async function connect(address: string, credentials: Credentials): Promise<ConnectionView> {
  if (connecting)
    throw new ConnectError('busy', 'Dealbridge is already connecting. Finish or close the consent page first.');
  connecting = true;
  try {
    const baseUrl = await resolveInstallation(address);
    const token = await obtainToken(baseUrl, credentials);
    const verified = await verifyToken(baseUrl, token);
    return toConnectionView(await saveConnection(verified, credentials.via));
  } finally {
    connecting = false;
  }
}

/** Normalises the address, checks the origin was granted and finds the installation's root. */
async function resolveInstallation(address: string): Promise<string> {
  let normalized: NormalizedAddress;
  try {
    normalized = normalizeAddress(address);
  } catch (error) {
    if (error instanceof AddressError) throw new ConnectError('address_invalid', error.message);
    throw error;
  }
  const granted: string[] = [];
  for (const candidate of normalized.candidates) if (await originGranted(candidate)) granted.push(candidate);
  if (!granted.length) throw permissionMissing(normalized.host);
  const baseUrl = await locateInstallation(granted);
  // An http → https redirect may land on an origin that was not granted (test hosts ask for one scheme).
  if (!(await originGranted(baseUrl))) throw permissionMissing(new URL(baseUrl).host);
  return baseUrl;
}

function permissionMissing(host: string): ConnectError {
  return new ConnectError(
    'permission_missing',
    `Dealbridge may not access ${host} yet. Click Connect and allow access when the browser asks.`,
  );
}

async function originGranted(baseUrl: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPatternOf(baseUrl)] });
  } catch {
    return false;
  }
}

async function obtainToken(baseUrl: string, credentials: Credentials): Promise<string> {
  switch (credentials.via) {
    case 'token':
      return credentials.token;
    case 'consent':
      return obtainTokenByConsent(baseUrl, { preferTab: credentials.preferTab, openerTabId: credentials.openerTabId });
    case 'code':
      try {
        return await exchangeCode(baseUrl, credentials.code);
      } catch (error) {
        if (error instanceof ApiError) throw new ConnectError('code_invalid', error.message);
        throw error;
      }
  }
}

/** Opens the consent page that shows a code to paste (no redirect). */
export async function openCodeConsent(address: string): Promise<string> {
  const baseUrl = await resolveInstallation(address);
  await openCodePage(baseUrl);
  return baseUrl;
}

async function saveConnection(verified: VerifiedConnection, via: StoredConnection['via']): Promise<StoredConnection> {
  const previous = await readConnection();
  const connection: StoredConnection = {
    ...verified,
    via,
    connectedAt: Date.now(),
    health: 'ok',
    lastContactAt: Date.now(),
    lastError: null,
  };
  await writeConnection(connection);
  dropCachedApi();
  if (previous && previous.token !== connection.token) {
    // The old token is no longer used: take it back, best effort.
    void revokeToken(previous.baseUrl, previous.token);
  }
  if (previous && previous.baseUrl !== connection.baseUrl) await forgetConnectionData(previous.baseUrl);
  await mirrorBaseUrl(connection.baseUrl);
  await setUpPageScripts(connection.baseUrl);
  await emitConnectionChanged({
    type: 'connected',
    baseUrl: connection.baseUrl,
    previousBaseUrl: previous?.baseUrl ?? null,
  });
  notifyStatusChanged();
  return connection;
}

/** Registers the page scripts and, if they were not there yet, runs them in already open backend tabs. */
async function setUpPageScripts(baseUrl: string): Promise<void> {
  try {
    if (await registerPageScripts(baseUrl)) await injectIntoOpenTabs(baseUrl);
  } catch (error) {
    console.error('Dealbridge: could not register the page scripts', error instanceof Error ? error.message : error);
  }
}

/** The base URL is also a setting (exported with the others); the token never is. */
async function mirrorBaseUrl(baseUrl: string | null): Promise<void> {
  try {
    await updateSettings((settings) => ({ ...settings, baseUrl }));
  } catch (error) {
    console.error(
      'Dealbridge: could not store the address in the settings',
      error instanceof Error ? error.message : error,
    );
  }
}

async function forgetConnectionData(baseUrl: string): Promise<void> {
  await linkStore.clear().catch((error: unknown) => console.error('Dealbridge: could not clear the link cache', error));
  await emitConnectionChanged({ type: 'disconnected', baseUrl });
}

/**
 * Revokes the token, stops the deal page's script and forgets this connection's data. The
 * order page keeps its script while the browser still grants the origin: it shows a quiet
 * "Connect Dealbridge" there instead of the control.
 */
export async function disconnect(): Promise<{ revoked: boolean }> {
  const connection = await readConnection();
  const keepHint = connection !== null && (await originGranted(connection.baseUrl));
  await unregisterPageScripts(
    keepHint ? PAGE_SCRIPTS.filter((s) => s.id !== ORDER_PAGE_SCRIPT_ID).map((s) => s.id) : undefined,
  ).catch((error: unknown) => console.error('Dealbridge: could not unregister the page scripts', error));
  if (!connection) return { revoked: false };
  const revoked = await revokeToken(connection.baseUrl, connection.token);
  await clearConnection();
  dropCachedApi();
  await mirrorBaseUrl(null);
  await forgetConnectionData(connection.baseUrl);
  notifyStatusChanged();
  return { revoked };
}

/** Re-checks the stored token and apps (the options page's "Check again"). */
export async function recheck(): Promise<ConnectionView | null> {
  const current = await readConnection();
  if (!current) return null;
  let verified: VerifiedConnection;
  try {
    verified = await verifyToken(current.baseUrl, current.token, { tokenInQuery: current.tokenInQuery });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'The check failed.';
    const health = error instanceof ConnectError && error.problem === 'token_invalid' ? 'auth_error' : 'unreachable';
    const next = { ...current, health, lastError: message } as StoredConnection;
    await writeConnection(next);
    dropCachedApi();
    await emitConnectionChanged({ type: 'health', baseUrl: current.baseUrl });
    notifyStatusChanged();
    return toConnectionView(next);
  }
  const next: StoredConnection = { ...current, ...verified, health: 'ok', lastError: null, lastContactAt: Date.now() };
  await writeConnection(next);
  dropCachedApi();
  await emitConnectionChanged({ type: 'health', baseUrl: current.baseUrl });
  notifyStatusChanged();
  return toConnectionView(next);
}

/** On service-worker start: scripts registered for the connected origin, as long as it is still granted. */
export async function restorePageScripts(): Promise<void> {
  const connection = await readConnection();
  if (!connection) {
    // Disconnected: the order page's "Connect Dealbridge" stays while its origin is granted.
    const pattern = await orderPageScriptPattern().catch(() => null);
    const granted = pattern !== null && (await originGranted(pattern.replace(/webasyst\/shop\/\*$/, '')));
    await unregisterPageScripts(
      granted ? PAGE_SCRIPTS.filter((s) => s.id !== ORDER_PAGE_SCRIPT_ID).map((s) => s.id) : undefined,
    ).catch(() => undefined);
    return;
  }
  if (await originGranted(connection.baseUrl)) await setUpPageScripts(connection.baseUrl);
  else await unregisterPageScripts().catch(() => undefined);
}

/** The person removed the origin's permission in the browser: the page scripts stop too. */
export async function onOriginsRemoved(origins: string[]): Promise<void> {
  const connection = await readConnection();
  if (!connection) return;
  const pattern = originPatternOf(connection.baseUrl);
  if (!origins.includes(pattern) && (await originGranted(connection.baseUrl))) return;
  await unregisterPageScripts().catch(() => undefined);
  dropCachedApi();
  await writeConnection({
    ...connection,
    health: 'degraded',
    lastError: `Dealbridge’s access to ${new URL(connection.baseUrl).host} was removed in the browser. Connect again to restore it.`,
  });
  notifyStatusChanged();
}
