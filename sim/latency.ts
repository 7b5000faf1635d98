// Hosting: the simulator served as a PHP host across the internet would serve it. Off by
// default (loopback answers in a millisecond or two); `latencyMs` > 0 turns it on.
//
// One request under hosting:
//   1. it travels to the server: half the round trip (latencyMs ± jitter, halved);
//   2. it waits for a free PHP worker (a typical host runs `workers` = 4: the fifth request
//      in flight waits in line, first come first served);
//   3. the worker handles it and is busy for at least the method's own server time (what a
//      running installation measured on loopback), or longer if the simulator itself is slower;
//   4. the reply travels back: the other half of the round trip.
// Effects of a request (an order action, a deal move) happen in step 3, as on a real host.

import type { ServerResponse } from 'node:http';
import { mulberry32 } from './prng';

/** A running installation's own time per request, measured on loopback (ms). */
export const SERVER_MS: Readonly<Record<string, number>> = {
  'shop.order.search': 10,
  'shop.order.log': 11,
  'shop.order.actions': 20,
  'crm.deal.info': 12,
};
/** Every other request: the middle of the 10–25 ms the measured methods span. */
export const DEFAULT_SERVER_MS = 15;
/** PHP-FPM workers of a typical shared or small VPS host. */
const DEFAULT_WORKERS = 4;
/** The round trip varies by this fraction either way (uniformly). */
const DEFAULT_JITTER = 0.2;

export interface HostingOptions {
  /** Round trip added to every request, in ms (0 = off: loopback as it is). */
  latencyMs: number;
  /** Fraction of latencyMs by which each round trip varies either way (default 0.2 = ±20 %). */
  jitter?: number;
  /** Requests handled at once (default 4); the rest wait in line. */
  workers?: number;
  /** Every request's own server time in ms, instead of SERVER_MS / DEFAULT_SERVER_MS (a slower or faster host). */
  serverMs?: number;
  /** Seed of the jitter's pseudo-random sequence (default 1), so runs can be compared. */
  seed?: number;
}

export interface HostingStats {
  /** Requests served under hosting since the last reset. */
  served: number;
  /** Most requests in line for a worker at once. */
  maxWaiting: number;
  /** Total time requests spent in line for a worker (ms). */
  waitedMs: number;
}

/** One round trip: latencyMs scaled by 1 ± jitter, `r` uniform in [0, 1). */
export function roundTripMs(latencyMs: number, jitter: number, r: number): number {
  return latencyMs * (1 + jitter * (2 * r - 1));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Hosting {
  private latency = 0;
  private jitter = DEFAULT_JITTER;
  private workers = DEFAULT_WORKERS;
  private serverMs: number | null = null;
  private random: () => number = mulberry32(1);
  private busy = 0;
  private readonly line: Array<() => void> = [];
  private counters: HostingStats = { served: 0, maxWaiting: 0, waitedMs: 0 };

  constructor(options?: HostingOptions) {
    if (options) this.configure(options);
  }

  /** Changes the hosting for requests that arrive from now on (requests under way keep theirs). */
  configure(options: HostingOptions): void {
    if (!Number.isFinite(options.latencyMs) || options.latencyMs < 0)
      throw new RangeError('latencyMs must be a number ≥ 0');
    const jitter = options.jitter ?? DEFAULT_JITTER;
    if (!(jitter >= 0 && jitter < 1)) throw new RangeError('jitter must be in [0, 1)');
    const workers = options.workers ?? DEFAULT_WORKERS;
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError('workers must be a whole number ≥ 1');
    if (options.serverMs !== undefined && !(Number.isFinite(options.serverMs) && options.serverMs >= 0))
      throw new RangeError('serverMs must be a number ≥ 0');
    this.latency = options.latencyMs;
    this.jitter = jitter;
    this.workers = workers;
    this.serverMs = options.serverMs ?? null;
    if (options.seed !== undefined) this.random = mulberry32(options.seed);
    // More workers than before: let waiting requests in.
    this.admit();
  }

  get latencyMs(): number {
    return this.latency;
  }

  get settings(): { latencyMs: number; jitter: number; workers: number; serverMs: number | null } {
    return { latencyMs: this.latency, jitter: this.jitter, workers: this.workers, serverMs: this.serverMs };
  }

  /** The server's own time for one request of this method. */
  serverTimeOf(apiMethod: string | null): number {
    if (this.serverMs !== null) return this.serverMs;
    return apiMethod ? (SERVER_MS[apiMethod] ?? DEFAULT_SERVER_MS) : DEFAULT_SERVER_MS;
  }

  stats(): HostingStats {
    return { ...this.counters };
  }

  resetStats(): void {
    this.counters = { served: 0, maxWaiting: 0, waitedMs: 0 };
  }

  /** One round trip's length for the next request: latencyMs ± jitter. */
  private roundTrip(): number {
    return roundTripMs(this.latency, this.jitter, this.random());
  }

  /**
   * Serves one request: `handle` runs in a worker (its effects happen there) and writes the
   * reply to `res`, which reaches the client half a round trip after the worker is done.
   * With hosting off, `handle` simply runs.
   */
  async serve(apiMethod: string | null, res: ServerResponse, handle: () => Promise<void>): Promise<void> {
    if (this.latency <= 0) return handle();
    const trip = this.roundTrip();
    const there = trip / 2;
    const back = trip - there;
    await sleep(there);
    await this.acquire();
    const started = Date.now();
    const serverDoneAt = started + this.serverTimeOf(apiMethod);
    const end = res.end;
    // The reply leaves when the worker is done (its own time has passed), then travels back.
    res.end = function deferredEnd(this: ServerResponse, ...args: unknown[]) {
      setTimeout(
        () => (end as (...a: unknown[]) => void).apply(res, args),
        Math.max(0, serverDoneAt - Date.now()) + back,
      );
      return res;
    } as ServerResponse['end'];
    try {
      await handle();
      const left = serverDoneAt - Date.now();
      if (left > 0) await sleep(left);
    } finally {
      this.counters.served++;
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.busy < this.workers && this.line.length === 0) {
      this.busy++;
      return Promise.resolve();
    }
    const queuedAt = Date.now();
    return new Promise<void>((resolve) => {
      this.line.push(() => {
        this.counters.waitedMs += Date.now() - queuedAt;
        resolve();
      });
      this.counters.maxWaiting = Math.max(this.counters.maxWaiting, this.line.length);
    });
  }

  private release(): void {
    this.busy--;
    this.admit();
  }

  private admit(): void {
    while (this.busy < this.workers && this.line.length) {
      this.busy++;
      this.line.shift()!();
    }
  }
}
