/** A tiny cookie-keeping HTTP client for the simulated backend (what a browser tab would send). */
export class BackendClient {
  readonly cookies = new Map<string, string>();
  /** raw Set-Cookie lines of the last reply */
  lastSetCookies: string[] = [];

  constructor(readonly root: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: 'GET' | 'POST',
    path: string,
    opts: { form?: Record<string, string>; xhr?: boolean; csrf?: boolean } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (opts.xhr) headers['X-Requested-With'] = 'XMLHttpRequest';
    let body: string | undefined;
    if (method === 'POST') {
      const form = new URLSearchParams(opts.form ?? {});
      if (opts.csrf !== false && !form.has('_csrf') && this.cookies.get('_csrf'))
        form.set('_csrf', this.cookies.get('_csrf')!);
      body = form.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(new URL(path, this.root), { method, headers, body, redirect: 'manual' });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async text(
    method: 'GET' | 'POST',
    path: string,
    opts: Parameters<BackendClient['request']>[2] = {},
  ): Promise<string> {
    const res = await this.request(method, path, opts);
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
    return res.text();
  }

  async login(login: string, password: string): Promise<void> {
    await this.request('GET', 'webasyst/');
    const res = await this.request('POST', 'webasyst/', { form: { login, password, wa_auth_login: '1' } });
    if (res.status !== 302 || !this.cookies.get('PHPSESSID')) throw new Error(`login failed: HTTP ${res.status}`);
  }
}
