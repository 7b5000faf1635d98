import type { Settings } from '../../settings/schema';
import type { ActivityEntry } from '../../messaging/models';
import type { SyncPorts } from './ports';
import { DealCache } from './deal-cache';
import { CustomerDeals } from './customer-deals';
import { WorkflowKnowledge } from './workflow-knowledge';
import type { FunnelInfo } from '../model/rules';
import type { RetryPolicy } from '../model/retry';
import { readHistorySince } from '../observe/history-read';

/** What one engine run works with. Only `ports` talks to Webasyst; only utils/db touches storage. */
export interface EngineDeps {
  ports: SyncPorts;
  settings: () => Settings;
  now: () => number;
  random: () => number;
  policy: RetryPolicy;
  activity: (entry: ActivityEntry) => Promise<void>;
  /** Several entries at once (one transaction); without it they go one by one through `activity`. */
  activities?: (entries: readonly ActivityEntry[]) => Promise<void>;
  /**
   * Longest random pause before the last check ahead of creating a deal. Two browsers that
   * saw the same new order at the same moment then rarely check at the same moment too.
   */
  createJitterMs?: number;
}

export const CREATE_JITTER_MS = 1500;

/**
 * Per-run memory: who we are and the funnels (they do not change within seconds), and what
 * the run holds — the deals it read, customers' deals, the order workflow. Everything here
 * can be lost at any moment.
 */
export class EngineContext {
  /** One look for a whole cycle: records examined at once all ask at the same moment. */
  private meId: Promise<number> | null = null;
  private funnelList: FunnelInfo[] | null = null;
  readonly deals: DealCache;
  readonly customers: CustomerDeals;
  readonly workflow: WorkflowKnowledge;

  constructor(readonly deps: EngineDeps) {
    const ports = () => this.ports;
    this.deals = new DealCache({
      ports,
      now: () => this.now(),
      readHistory: (minId) => readHistorySince(this.ports, minId),
    });
    this.customers = new CustomerDeals(ports, this.deals);
    this.workflow = new WorkflowKnowledge(ports, () => this.settings);
  }

  get ports(): SyncPorts {
    return this.deps.ports;
  }
  get settings(): Settings {
    return this.deps.settings();
  }
  now(): number {
    return this.deps.now();
  }

  async me(): Promise<number> {
    this.meId ??= this.ports.me().catch((error: unknown) => {
      this.meId = null;
      throw error;
    });
    return this.meId;
  }

  async funnels(): Promise<FunnelInfo[]> {
    if (!this.funnelList) this.funnelList = await this.ports.funnels();
    return this.funnelList;
  }

  async stageName(stageId: number): Promise<string> {
    for (const funnel of await this.funnels()) {
      const stage = funnel.stages.find((s) => s.id === stageId);
      if (stage) return stage.name;
    }
    return `#${stageId}`;
  }

  async funnelName(funnelId: number): Promise<string | null> {
    return (await this.funnels()).find((f) => f.id === funnelId)?.name ?? null;
  }

  /** Stores what the run learned (the workflow's custom action targets). */
  flush(): Promise<void> {
    return this.workflow.flush();
  }
}

/** Thrown to end a run at once: the token no longer works, nothing more can be done now. */
export class StopRun extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StopRun';
  }
}
