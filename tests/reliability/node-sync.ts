// idb checks requests with instanceof against the global IDB classes: they must be fake-indexeddb's.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Sim } from '../../sim/server';
import { createWebasystApi } from '../../utils/api';
import { createApiPorts } from '../../utils/sync/engine/api-ports';
import { createLinkedDealViaBackend } from '../../utils/backend/create-deal';
import { SyncEngine, LEASE_MS, type CycleResult } from '../../utils/sync/engine/engine';
import type { SyncPorts } from '../../utils/sync/engine/ports';
import type { RetryPolicy } from '../../utils/sync/model/retry';
import type { Settings } from '../../utils/settings/schema';
import { closeSyncDb } from '../../utils/db/database';
import { allOutbox } from '../../utils/db/outbox';
import { countInbox } from '../../utils/db/inbox';
import { getMeta } from '../../utils/db/meta';
import type { OutboxRecord } from '../../utils/sync/model/outbox-types';

/**
 * The sync engine's browser-free core, run in node against a simulator: the real API client
 * over HTTP, the real backend endpoint with a session cookie, and its own IndexedDB (a
 * fake-indexeddb factory per "browser", swapped in while that browser's engine runs).
 *
 * A "worker stop" is modelled as the real one behaves: at a random request the worker is
 * gone — that request is sent or not (the write may have happened), its reply never comes,
 * nothing after it runs — and a new engine starts over the same IndexedDB once the dead
 * one's lease has run out (the virtual clock jumps past it).
 */
export interface NodeBrowserOptions {
  settings: Settings;
  random: () => number;
  policy: RetryPolicy;
  /** Per-request timeout of the API client (a "hang" fault costs this long). */
  timeoutMs?: number;
  /** Replaces the network (e.g. to swap replies for malformed ones); defaults to fetch. */
  fetch?: typeof fetch;
}

const CSRF = 'csrf-of-this-browser';
let active: IDBFactory | null = null;

export class NodeBrowser {
  readonly idb = new IDBFactory();
  private readonly realPorts: SyncPorts;
  settings: Settings;
  private sessionId: string | null;
  private engineInstance: SyncEngine | null = null;
  private killAt: { calls: number; send: boolean } | null = null;
  private calls = 0;
  workerStops = 0;

  constructor(
    readonly sim: Sim,
    private readonly options: NodeBrowserOptions,
  ) {
    this.settings = options.settings;
    this.sessionId = sim.state.login(sim.login, sim.password)!.id;
    const net = options.fetch ?? fetch;
    const api = createWebasystApi({
      baseUrl: sim.url,
      token: sim.token,
      fetch: net,
      timeoutMs: options.timeoutMs ?? 1_000,
      retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
      random: options.random,
    });
    const backendFetch: typeof fetch = (input, init) =>
      net(input, {
        ...init,
        headers: {
          ...(init?.headers as Record<string, string>),
          Cookie: `PHPSESSID=${this.sessionId ?? ''}; _csrf=${CSRF}`,
        },
      });
    const real = createApiPorts(
      api,
      (params) =>
        createLinkedDealViaBackend(sim.url, params, {
          fetch: backendFetch,
          csrf: async () => (this.sessionId ? CSRF : null),
          timeoutMs: options.timeoutMs ?? 1_000,
        }),
      () => this.now(),
    );
    this.realPorts = real;
  }

  /**
   * The engine runs on the simulator's clock (real time plus a shift the soak advances), so
   * retries and leases come due without waiting, and Webasyst's timestamps and the engine's
   * agree as they do in real life.
   */
  now(): number {
    return this.sim.state.clock.now();
  }

  advance(ms: number): void {
    this.sim.state.clock.advance(ms);
  }

  /** Makes this browser's IndexedDB the one utils/db uses (one engine runs at a time in this process). */
  async activate(): Promise<void> {
    if (active === this.idb) return;
    await closeSyncDb();
    (globalThis as { indexedDB: IDBFactory }).indexedDB = this.idb;
    active = this.idb;
  }

  engine(): SyncEngine {
    if (!this.engineInstance) {
      this.engineInstance = new SyncEngine({
        ports: this.killable(this.realPorts, this.life),
        settings: () => this.settings,
        now: () => this.now(),
        random: this.options.random,
        policy: this.options.policy,
        createJitterMs: 0,
        activity: async () => undefined,
      });
    }
    return this.engineInstance;
  }

  /** One full cycle. With `stopAfterCalls`, the worker dies at that request (see above). */
  async cycle(
    stopAfterCalls: number | null = null,
    sendTheFatalRequest = true,
  ): Promise<CycleResult | 'worker_stopped'> {
    await this.activate();
    this.calls = 0;
    this.killAt = stopAfterCalls === null ? null : { calls: stopAfterCalls, send: sendTheFatalRequest };
    let stopped!: () => void;
    const died = new Promise<'worker_stopped'>((resolve) => {
      stopped = () => resolve('worker_stopped');
    });
    this.onKill = stopped;
    const result = await Promise.race([this.engine().request(), died]);
    this.onKill = null;
    this.killAt = null;
    if (result === 'worker_stopped') await this.restartWorker();
    return result;
  }

  /** A new worker: the old engine is abandoned (its pending request never settles), the DB reopened, the lease left to expire. */
  private async restartWorker(): Promise<void> {
    this.workerStops++;
    this.engineInstance = null;
    // What the dead worker was doing between two requests (IndexedDB only) finishes first,
    // on its own database, before the next worker or another browser's engine opens one.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await closeSyncDb();
    active = null;
    await this.activate();
    this.advance(LEASE_MS + 1_000);
  }

  private onKill: (() => void) | null = null;
  /** The worker's life: bumped when it is stopped, so the dead one's requests can be told apart. */
  private life = 0;
  private dead(life: number): boolean {
    return life !== this.life;
  }

  /** The ports of the worker living `life`: counts calls and, from the fatal one on, answers nothing. */
  private killable(ports: SyncPorts, life: number): SyncPorts {
    const wrapped = {} as Record<string, unknown>;
    const never = () => new Promise<never>(() => undefined);
    for (const [name, fn] of Object.entries(ports) as Array<[string, (...args: unknown[]) => Promise<unknown>]>) {
      wrapped[name] = async (...args: unknown[]) => {
        // A dead worker sends nothing more, and no reply reaches it: the engine's other tasks
        // (items and examinations run several at a time) stop at their next request or reply,
        // instead of going on behind the new worker's back.
        if (this.dead(life)) return never();
        const kill = this.killAt;
        if (kill && ++this.calls >= kill.calls) {
          this.killAt = null;
          this.life++;
          if (kill.send) await fn(...args).catch(() => undefined);
          this.onKill?.();
          return never();
        }
        try {
          const reply = await fn(...args);
          return this.dead(life) ? never() : reply;
        } catch (error) {
          if (this.dead(life)) return never();
          throw error;
        }
      };
    }
    return wrapped as unknown as SyncPorts;
  }

  async outbox(): Promise<OutboxRecord[]> {
    await this.activate();
    return allOutbox(100_000);
  }

  async inboxCount(): Promise<number> {
    await this.activate();
    return countInbox();
  }

  /** The last cycle's error (a feed that could not be read, among others), or null. */
  async lastError(): Promise<string | null> {
    await this.activate();
    return (await getMeta('state'))?.lastError ?? null;
  }

  signOut(): void {
    this.sessionId = null;
  }
}
