import { dealUrl as webasystDealUrl, orderUrl as webasystOrderUrl } from '@/utils/webasyst/urls';

/**
 * Backend addresses of an order and a deal (stable URLs, see utils/webasyst/urls.ts). Built only from
 * an http(s) installation root, so a damaged base can never become a `javascript:` link.
 */
function safeBase(baseUrl: string | null | undefined): string | null {
  if (!baseUrl) return null;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    return null;
  }
}

export function orderUrl(baseUrl: string | null | undefined, orderId: number | null): string | null {
  const base = safeBase(baseUrl);
  return base && orderId ? webasystOrderUrl(base, orderId) : null;
}

export function dealUrl(baseUrl: string | null | undefined, dealId: number | null): string | null {
  const base = safeBase(baseUrl);
  return base && dealId ? webasystDealUrl(base, dealId) : null;
}

/** Links that came inside a sync item: shown only when they are plain http(s) addresses. */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
