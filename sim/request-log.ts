// Every HTTP request the simulator served, with the domain effects it caused,
// so tests can count API calls and prove that an action ran exactly once.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestLogEntry {
  seq: number;
  at: number;
  httpMethod: string;
  path: string;
  apiMethod: string | null;
  status: number;
  effects: string[];
  actorId: number | null;
  /** Origin chrome-extension:// or moz-extension:// */
  userAgentIsExtension: boolean;
}

export type RequestLogFilter = Partial<
  Pick<RequestLogEntry, 'httpMethod' | 'apiMethod' | 'status' | 'actorId' | 'userAgentIsExtension'>
> & {
  path?: string | RegExp;
  /** only entries with an effect starting with this text */
  effect?: string;
};

export class RequestLog {
  private list: RequestLogEntry[] = [];
  private flat: string[] = [];
  private seq = 0;
  private readonly current = new AsyncLocalStorage<RequestLogEntry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Start an entry; effects emitted inside `run` are attributed to it. */
  begin(init: Omit<RequestLogEntry, 'seq' | 'at' | 'status' | 'effects' | 'actorId'>): RequestLogEntry {
    const entry: RequestLogEntry = { ...init, seq: ++this.seq, at: this.now(), status: 0, effects: [], actorId: null };
    this.list.push(entry);
    return entry;
  }

  run<T>(entry: RequestLogEntry, fn: () => T): T {
    return this.current.run(entry, fn);
  }

  /** Called by the state for every effect; effects outside a request only go to the flat list. */
  recordEffect(effect: string): void {
    this.flat.push(effect);
    this.current.getStore()?.effects.push(effect);
  }

  setActor(actorId: number | null): void {
    const entry = this.current.getStore();
    if (entry) entry.actorId = actorId;
  }

  entries(): RequestLogEntry[] {
    return this.list.map((e) => ({ ...e, effects: [...e.effects] }));
  }

  effects(): string[] {
    return [...this.flat];
  }

  count(filter: RequestLogFilter = {}): number {
    return this.list.filter((e) => matches(e, filter)).length;
  }

  clear(): void {
    this.list = [];
    this.flat = [];
  }
}

function matches(e: RequestLogEntry, f: RequestLogFilter): boolean {
  if (f.httpMethod !== undefined && e.httpMethod !== f.httpMethod.toUpperCase()) return false;
  if (f.apiMethod !== undefined && e.apiMethod !== f.apiMethod) return false;
  if (f.status !== undefined && e.status !== f.status) return false;
  if (f.actorId !== undefined && e.actorId !== f.actorId) return false;
  if (f.userAgentIsExtension !== undefined && e.userAgentIsExtension !== f.userAgentIsExtension) return false;
  if (f.path !== undefined && !(typeof f.path === 'string' ? e.path === f.path : f.path.test(e.path))) return false;
  if (f.effect !== undefined && !e.effects.some((x) => x.startsWith(f.effect!))) return false;
  return true;
}
