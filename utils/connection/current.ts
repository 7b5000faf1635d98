import { createWebasystApi, type WebasystApi } from '../api';
import type { ApiError } from '../api/errors';
import type { ConnectionView } from '../messaging/models';
import { UserFacingError } from '../messaging/router';
import { emitConnectionChanged } from './events';
import { patchConnection, readConnection, type StoredConnection } from './store';
import { ownOriginUrl } from './verify';

/**
 * The current connection for the rest of the background: `getApi()` gives the API client
 * bound to the stored base URL and token (null when not connected). The client is reused
 * while the connection stays the same, so its request count and header fallback persist.
 */

let cached: { key: string; api: WebasystApi } | null = null;
let lastContactWrite = 0;
/** The health last stored for the cached client's token, so that unchanged outcomes cost no IndexedDB access. */
let known: { token: string; health: StoredConnection['health']; lastError: string | null } | null = null;
const CONTACT_WRITE_INTERVAL_MS = 60_000;

export async function getApi(): Promise<WebasystApi | null> {
  const connection = await readConnection();
  if (!connection) {
    cached = null;
    return null;
  }
  const key = `${connection.baseUrl}\n${connection.token}`;
  if (cached?.key === key) return cached.api;
  const api = createWebasystApi({
    baseUrl: connection.baseUrl,
    token: connection.token,
    tokenInQuery: connection.tokenInQuery,
    onTokenInQuery: () => void patchConnection(connection.token, { tokenInQuery: true }),
    onOutcome: (outcome) => void recordOutcome(connection.token, connection.baseUrl, outcome.ok ? null : outcome.error),
  });
  cached = { key, api };
  known = { token: connection.token, health: connection.health, lastError: connection.lastError };
  return api;
}

/** Like getApi(), for handlers that cannot do anything without a connection. */
export async function requireApi(): Promise<WebasystApi> {
  const api = await getApi();
  if (!api)
    throw new UserFacingError(
      'not_connected',
      'Dealbridge is not connected to a Webasyst yet. Connect it in Dealbridge’s settings.',
    );
  return api;
}

export async function getConnectionView(): Promise<ConnectionView | null> {
  const connection = await readConnection();
  return connection ? toConnectionView(connection) : null;
}

export function toConnectionView(connection: StoredConnection): ConnectionView {
  return {
    baseUrl: connection.baseUrl,
    userName: connection.user.name,
    // Connections stored before the userpic was limited to the installation's origin are filtered here too.
    userpicUrl: ownOriginUrl(connection.user.userpicUrl, connection.baseUrl),
    installationName: connection.installationName,
    apps: connection.apps.map((app) => ({ id: app.id, version: app.version, ok: app.ok, problem: app.problem })),
    health: connection.health,
    lastContactAt: connection.lastContactAt,
    lastError: connection.lastError,
  };
}

/** Forgets the cached client (after connect/disconnect). */
export function dropCachedApi(): void {
  cached = null;
  known = null;
}

/**
 * Keeps the connection's health in step with what the API answers: a revoked token turns
 * it to auth_error (the popup and options page say "connect again"), an unreachable host
 * to unreachable, and the next good answer back to ok. Contact time is written at most
 * once a minute.
 */
async function recordOutcome(token: string, baseUrl: string, error: ApiError | null): Promise<void> {
  try {
    const now = Date.now();
    if (known?.token === token) {
      const next = nextHealth(known.health, known.lastError, error);
      const contactDue = !error && now - lastContactWrite >= CONTACT_WRITE_INTERVAL_MS;
      if (next.health === known.health && next.lastError === known.lastError && !contactDue) return;
    }
    const current = await readConnection();
    if (!current || current.token !== token) return;
    const { health, lastError } = nextHealth(current.health, current.lastError, error);
    if (known?.token === token) known = { token, health, lastError };
    const healthChanged = health !== current.health || lastError !== current.lastError;
    const contactDue = !error && now - lastContactWrite >= CONTACT_WRITE_INTERVAL_MS;
    if (!healthChanged && !contactDue) return;
    if (!error) lastContactWrite = now;
    await patchConnection(token, { health, lastError, ...(error ? {} : { lastContactAt: now }) });
    if (healthChanged) await emitConnectionChanged({ type: 'health', baseUrl });
  } catch (failure) {
    console.warn(
      'Dealbridge: could not record the connection’s health',
      failure instanceof Error ? failure.name : failure,
    );
  }
}

function nextHealth(
  health: StoredConnection['health'],
  lastError: string | null,
  error: ApiError | null,
): { health: StoredConnection['health']; lastError: string | null } {
  if (!error) return { health: 'ok', lastError: null };
  if (error.kind === 'auth') return { health: 'auth_error', lastError: error.message };
  if (error.kind === 'network' || error.kind === 'timeout') return { health: 'unreachable', lastError: error.message };
  // Missing rights or a missing order say nothing about the connection itself.
  return { health, lastError };
}
