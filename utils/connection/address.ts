/**
 * Turns whatever address a person pastes ("shop.example.com", "http://example.com/webasyst/",
 * a backend page with a hash, a storefront page, "example.com/wa/api.php") into the
 * installation roots worth probing and the host permissions to ask for. Pure: the options
 * page uses it synchronously in the click handler (the permission prompt must come from
 * the click), the background uses it again before probing.
 */

export interface NormalizedAddress {
  /** Installation roots with a trailing slash, most likely first. */
  candidates: string[];
  /** Match patterns for permissions.request / contains (one host, every port). */
  permissionOrigins: string[];
  /** The host as the person will recognise it. */
  host: string;
}

export type AddressProblem = 'empty' | 'invalid' | 'unsupported_scheme';

export class AddressError extends Error {
  constructor(
    readonly problem: AddressProblem,
    message: string,
  ) {
    super(message);
    this.name = 'AddressError';
  }
}

/** Directories from which the root is tried at most (a deep storefront page needs no more). */
const MAX_CANDIDATES_PER_SCHEME = 4;

export function normalizeAddress(input: string): NormalizedAddress {
  const text = input
    .trim()
    .replace(/^[<"'“«]+|[>"'”»]+$/g, '')
    .trim();
  if (!text) throw new AddressError('empty', 'Enter the address of your Webasyst, e.g. https://shop.example.com/');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  // "mailto:x", "ftp:x" — but not "example.com:8080".
  if (!hasScheme && /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)) {
    throw new AddressError('unsupported_scheme', 'Only http and https addresses can be connected.');
  }
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    throw new AddressError('invalid', `“${input.trim()}” is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AddressError('unsupported_scheme', 'Only http and https addresses can be connected.');
  }
  // A bare word ("shop") is a typo more often than an intranet host; with a scheme it is taken as typed.
  if (!url.hostname || /\s/.test(text) || (!hasScheme && !url.hostname.includes('.') && !isLoopback(url.hostname))) {
    throw new AddressError('invalid', `“${input.trim()}” is not a web address.`);
  }
  const loopback = isLoopback(url.hostname);
  // Without a scheme, https comes first; local development servers speak http.
  const schemes = hasScheme ? [url.protocol] : loopback ? ['http:'] : ['https:', 'http:'];
  const roots = rootPaths(url.pathname);
  const hostPort = url.port ? `${url.hostname}:${url.port}` : url.hostname;
  const candidates = schemes.flatMap((scheme) => roots.map((root) => `${scheme}//${hostPort}${root}`));
  // A site on the open internet may redirect http to https (and Webasyst's ssl_all does):
  // ask for both at once, so the person sees one prompt. Loopback test servers stay as typed.
  const permissionSchemes = loopback ? schemes : ['https:', 'http:'];
  return {
    candidates,
    permissionOrigins: permissionSchemes.map((scheme) => `${scheme}//${url.hostname}/*`),
    host: hostPort,
  };
}

/** The path prefixes that may be the installation root, most likely first. */
export function rootPaths(pathname: string): string[] {
  const path = decodeSafe(pathname);
  // Anything under /webasyst/ (the backend) or api.php / index.php sits right below the root.
  const marker = /^(.*?\/)(?:webasyst(?:\/|$)|api\.php|index\.php)/i.exec(path);
  if (marker) return [marker[1]];
  const segments = path.split('/').filter(Boolean);
  if (segments.length && segments[segments.length - 1].includes('.')) segments.pop(); // a file, e.g. page.html
  // The root is the likeliest; an installation in a folder (example.com/wa/) comes next.
  const roots = ['/'];
  for (let i = 1; i <= segments.length && roots.length < MAX_CANDIDATES_PER_SCHEME; i++) {
    roots.push(`/${segments.slice(0, i).join('/')}/`);
  }
  return roots;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function decodeSafe(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** The match pattern that covers an installation root (for permissions.contains). */
export function originPatternOf(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
