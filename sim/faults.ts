// Injected failures: matched per request before it is handled.

export type FaultKind =
  | 'latency'
  | 'status5xx'
  | 'unauthorized'
  | 'rateLimited'
  | 'hang'
  | 'reset'
  | 'malformed'
  | 'html'
  | 'appliedThen500';

export interface FaultRule {
  match: { apiMethod?: string; path?: RegExp | string; httpMethod?: string };
  kind: FaultKind;
  /** how many requests it hits; default unlimited */
  times?: number;
  /** latency in ms */
  ms?: number;
  /** status for status5xx (default 500) and html (default 200) */
  status?: number;
  /** seconds, for rateLimited's Retry-After (default 1) */
  retryAfter?: number;
}

export interface RequestFacts {
  apiMethod: string | null;
  path: string;
  httpMethod: string;
}

interface ActiveRule {
  id: number;
  rule: FaultRule;
  left: number;
}

export class FaultController {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.rules.push({ id, rule, left: rule.times ?? Infinity });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): (FaultRule & { id: number; left: number })[] {
    return this.rules.map((r) => ({ ...r.rule, id: r.id, left: r.left }));
  }

  /** The first rule that matches (consumes one of its `times`). */
  take(facts: RequestFacts): FaultRule | null {
    for (const r of this.rules) {
      if (r.left <= 0 || !matches(r.rule.match, facts)) continue;
      r.left--;
      if (r.left <= 0) this.remove(r.id);
      return r.rule;
    }
    return null;
  }
}

function matches(m: FaultRule['match'], f: RequestFacts): boolean {
  if (m.apiMethod !== undefined && m.apiMethod !== f.apiMethod) return false;
  if (m.httpMethod !== undefined && m.httpMethod.toUpperCase() !== f.httpMethod) return false;
  if (m.path !== undefined) {
    if (typeof m.path === 'string' ? !f.path.startsWith(m.path) : !m.path.test(f.path)) return false;
  }
  return true;
}
