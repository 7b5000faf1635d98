import { ApiClient } from '../api/client';
import { bindApi } from '../api';
import { ApiError } from '../api/errors';
import { ConnectError } from './errors';
import type { AppStatus, StoredConnection } from './store';

export type VerifiedConnection = Pick<
  StoredConnection,
  'baseUrl' | 'token' | 'tokenInQuery' | 'user' | 'installationName' | 'apps'
>;

export interface VerifyOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  tokenInQuery?: boolean;
}

/**
 * Asks the installation who the token belongs to and which apps answer: CRM (crm.user.me)
 * and Shop-Script (shop.settings.get, which also gives its version and the store's name).
 * A refused token fails; missing rights or a licence block on one app are kept as that
 * app's problem, in plain words, as long as the other app answers.
 */
export async function verifyToken(
  baseUrl: string,
  token: string,
  options: VerifyOptions = {},
): Promise<VerifiedConnection> {
  const client = new ApiClient({
    baseUrl,
    token,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 15_000,
    tokenInQuery: options.tokenInQuery,
    retry: { attempts: 2 },
  });
  const api = bindApi(client);
  // One after the other: if the host drops the Authorization header, the first call finds
  // out and the second already sends the token the other way.
  const crm = await settle(api.crmUserMe());
  const shop = await settle(api.shopSettingsGet());

  const authError = [crm, shop].find((r) => !r.ok && r.error.kind === 'auth');
  if (authError && !authError.ok) {
    throw new ConnectError(
      'token_invalid',
      'Webasyst does not accept this token: it is wrong, or it was revoked. Get a new one and try again.',
    );
  }
  const unreachable = [crm, shop].find((r) => !r.ok && (r.error.kind === 'network' || r.error.kind === 'timeout'));
  if (unreachable && !unreachable.ok && !crm.ok && !shop.ok) {
    throw new ConnectError(
      'unreachable',
      `Webasyst stopped answering while Dealbridge was checking the token (${unreachable.error.message})`,
    );
  }

  const apps: AppStatus[] = [appStatus('shop', shop, shop.ok ? shop.value.version : null), appStatus('crm', crm, null)];
  if (!crm.ok && !shop.ok) {
    throw new ConnectError(
      'no_apps',
      `This Webasyst user cannot use Shop-Script or CRM through the API, so Dealbridge has nothing to connect. Shop-Script: ${shop.error.message} CRM: ${crm.error.message}`,
    );
  }
  const user = crm.ok
    ? { id: crm.value.id, name: crm.value.name, userpicUrl: absolute(crm.value.userpic, baseUrl) }
    : shop.ok && shop.value.user_info
      ? {
          id: shop.value.user_info.id,
          name: shop.value.user_info.name,
          userpicUrl: absolute(shop.value.user_info.photo, baseUrl),
        }
      : null;
  if (!user) throw new ConnectError('no_apps', 'Webasyst did not say which user this token belongs to.');
  return {
    baseUrl,
    token,
    tokenInQuery: client.usesTokenInQuery,
    user,
    installationName: shop.ok ? shop.value.settings.name : null,
    apps,
  };
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: ApiError };

async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof ApiError ? error : new ApiError({ kind: 'network', method: 'verify' }),
    };
  }
}

function appStatus(id: 'shop' | 'crm', result: Settled<unknown>, version: string | null): AppStatus {
  return result.ok
    ? { id, version, ok: true, problemKind: null, problem: null }
    : { id, version: null, ok: false, problemKind: result.error.kind, problem: result.error.message };
}

/** Userpics come as absolute URLs from CRM and as root-relative paths from Shop. */
function absolute(url: string | null, baseUrl: string): string | null {
  return ownOriginUrl(url, baseUrl);
}

/**
 * An address Webasyst gives (e.g. a userpic) made absolute, or null unless it is on the
 * installation's own origin: Webasyst may give a Gravatar address, and Dealbridge's pages load
 * nothing from anywhere but the connected installation.
 */
export function ownOriginUrl(url: string | null, baseUrl: string): string | null {
  if (!url) return null;
  try {
    const resolved = new URL(url, baseUrl);
    if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return null;
    return resolved.origin === new URL(baseUrl).origin ? resolved.toString() : null;
  } catch {
    return null;
  }
}
