// A tiny client for calling the simulator's api.php in tests.
import type { Sim } from '../../../sim/server';

export interface CallOptions {
  query?: Record<string, string | number | string[]>;
  form?: Record<string, string | number>;
  json?: unknown;
  verb?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

export async function callApi(sim: Sim, method: string, opts: CallOptions = {}): Promise<CallResult> {
  const url = new URL(`api.php/${method}`, sim.url);
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    if (Array.isArray(v)) for (const x of v) url.searchParams.append(k, x);
    else url.searchParams.set(k, String(v));
  }
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token === undefined ? sim.token : opts.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (opts.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(Object.entries(opts.form).map(([k, v]) => [k, String(v)])).toString();
  } else if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  const verb = opts.verb ?? (body !== undefined ? 'POST' : 'GET');
  const res = await fetch(url, { method: verb, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}
