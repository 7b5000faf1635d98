import { postDealCreate, type DealCreateOutcome, type DealCreateRequest } from '@/utils/backend/deal-create-endpoint';

/**
 * The order page links an order to a CRM deal the way Webasyst's own "Create deal in CRM"
 * dialog does: a same-origin POST with the user's session and the `_csrf` double-submit
 * cookie (utils/backend/deal-create-endpoint.ts).
 */
export type LinkRequest = DealCreateRequest;
export type LinkOutcome = DealCreateOutcome;

export interface BackendLinkDeps {
  /** The page's location and cookies (the content script runs on the backend page itself). */
  location: Pick<Location, 'origin' | 'pathname'>;
  cookie: () => string;
  fetch: typeof fetch;
  timeoutMs?: number;
}

/** `<origin><path up to /webasyst/>`: Webasyst may live in a sub-folder. */
export function backendRoot(location: Pick<Location, 'origin' | 'pathname'>): string | null {
  const match = /^(.*?\/webasyst\/)/.exec(location.pathname);
  return match ? `${location.origin}${match[1]}` : null;
}

export function readCsrf(cookie: string): string | null {
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === '_csrf') {
      try {
        return decodeURIComponent(rest.join('=')) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

export async function linkThroughBackend(
  deps: BackendLinkDeps,
  orderId: number,
  link: LinkRequest,
): Promise<LinkOutcome> {
  const root = backendRoot(deps.location);
  if (!root) return { ok: false, failure: 'no_csrf', status: null };
  return postDealCreate(
    {
      backendRoot: root,
      csrf: readCsrf(deps.cookie()),
      fetch: deps.fetch,
      credentials: 'same-origin',
      timeoutMs: deps.timeoutMs,
    },
    orderId,
    link,
  );
}
