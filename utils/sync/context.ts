import type { Settings } from '../settings/schema';
import type { ActivityEntry } from '../messaging/models';
import { currentLanguage } from '../i18n';
import { DEFAULT_ACTIONS, defaultActionName, defaultActionTarget } from '../settings/workflow';
import { inferActions, type ActionTarget, type Inference, type WorkflowState } from './infer';
import type { DealView, SyncPorts } from './ports';
import type { FunnelInfo } from './rules';
import type { RetryPolicy } from './retry';
import { getMeta, setMeta } from '../db/meta';
import { readHistorySince } from './observe';

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

/** In learned action targets: the action leaves the order's state as it is. */
const STAYS = '';

/** A read this recent counts as "re-read" for the write that follows it in the same run. */
const FRESH_MS = 5_000;
/** How often deals read in bulk are checked against the history feed. */
const BULK_RECHECK_MS = 2_000;

/**
 * Per-run memory: caches of things that do not change within seconds (who we are, funnels,
 * action names) and of deals just read. Everything here can be lost at any moment.
 */
export class EngineContext {
  private meId: number | null = null;
  private funnelList: FunnelInfo[] | null = null;
  /** `bulk`: read with every other deal (links-refresh) and kept current by the history feed, see recheckBulk. */
  private readonly deals = new Map<number, { deal: DealView | null; at: number; bulk?: boolean }>();
  /** The history id up to which bulk-read deals are known unchanged, and when that was checked. */
  private bulkMark: { minId: number; checkedAt: number } | null = null;
  private bulkCheck: Promise<void> | null = null;
  readonly actionNames = new Map<string, string>();
  private learned: Record<string, string> | null = null;
  private learnedDirty = false;
  /** When this run read every deal's link (links-refresh): from then on a cache miss means "not linked". */
  linksCompleteAt: number | null = null;

  constructor(readonly deps: EngineDeps) {}

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
    if (this.meId === null) this.meId = await this.ports.me();
    return this.meId;
  }

  async funnels(): Promise<FunnelInfo[]> {
    if (!this.funnelList) this.funnelList = await this.ports.funnels();
    return this.funnelList;
  }

  /** The deal as Webasyst has it now: from this run's cache if read moments ago, else read again. */
  async deal(dealId: number, { fresh }: { fresh: boolean } = { fresh: false }): Promise<DealView | null> {
    if (!fresh) {
      const known = await this.dealIfKnown(dealId);
      if (known !== undefined) return known;
    }
    const deal = await this.ports.getDeal(dealId);
    this.rememberDeal(dealId, deal);
    return deal;
  }

  /**
   * The deal as this run already knows it (read moments ago, or listed in bulk and unchanged
   * in the history feed since); undefined when only a read could tell. Costs at most one
   * read of the feed every BULK_RECHECK_MS, never a read of the deal.
   */
  async dealIfKnown(dealId: number): Promise<DealView | null | undefined> {
    let cached = this.deals.get(dealId);
    if (cached?.bulk && this.bulkMark) {
      if (this.now() - this.bulkMark.checkedAt >= BULK_RECHECK_MS) await this.recheckBulk();
      cached = this.deals.get(dealId);
      if (cached?.bulk && this.now() - this.bulkMark.checkedAt < FRESH_MS) return cached.deal;
    }
    if (cached && !cached.bulk && this.now() - cached.at < FRESH_MS) return cached.deal;
    return undefined;
  }

  private readonly contactDeals = new Map<number, Promise<DealView[]>>();

  /**
   * A customer's deals, read once per run: many changed orders of one customer cost one
   * lookup. Not for the check right before creating a deal, which must be fresh.
   */
  dealsOfContact(contactId: number): Promise<DealView[]> {
    let deals = this.contactDeals.get(contactId);
    if (!deals) {
      deals = this.ports.dealsOfContact(contactId).then((list) => {
        for (const deal of list) this.rememberDeal(deal.id, deal);
        return list;
      });
      deals.catch(() => this.contactDeals.delete(contactId));
      this.contactDeals.set(contactId, deals);
    }
    return deals;
  }

  /**
   * Every deal as crm.deal.list showed it, read after the history feed's `minId`: a deal with
   * no history entry past that id has not changed since, so it counts as just read (a deal's
   * stage and status change only with an entry in the feed). Checked every BULK_RECHECK_MS.
   */
  rememberBulk(deals: readonly DealView[], minId: number, checkedAt: number): void {
    for (const deal of deals) this.deals.set(deal.id, { deal, at: checkedAt, bulk: true });
    this.bulkMark = { minId, checkedAt };
  }

  /** One read of the history feed forgets every bulk-read deal that changed since the last look. */
  private recheckBulk(): Promise<void> {
    this.bulkCheck ??= (async () => {
      const mark = this.bulkMark!;
      const startedAt = this.now();
      const entries = await readHistorySince(this, mark.minId);
      let minId = mark.minId;
      for (const entry of entries) {
        minId = Math.max(minId, entry.id);
        if (entry.dealId !== null && this.deals.get(entry.dealId)?.bulk) this.deals.delete(entry.dealId);
      }
      this.bulkMark = { minId, checkedAt: startedAt };
    })().finally(() => {
      this.bulkCheck = null;
    });
    return this.bulkCheck;
  }

  rememberDeal(dealId: number, deal: DealView | null): void {
    this.deals.set(dealId, { deal, at: this.now() });
  }

  forgetDeal(dealId: number): void {
    this.deals.delete(dealId);
  }

  actionName(actionId: string): string {
    return this.actionNames.get(actionId) ?? defaultActionName(actionId, currentLanguage()) ?? actionId;
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

  /** State an action leads to: what order logs showed here, else Shop-Script's default workflow. */
  async targetOf(actionId: string): Promise<string | null> {
    const learned = await this.learnedTargets();
    if (Object.hasOwn(learned, actionId)) return learned[actionId] === STAYS ? null : learned[actionId];
    const known = defaultActionTarget(actionId);
    return known === 'previous' ? null : known;
  }

  /**
   * Where an action leads, for telling what ran from an order's state: learned here, else
   * Shop-Script's default workflow; undefined when nobody knows (a custom action not seen yet).
   */
  async inferenceTargets(): Promise<(actionId: string) => ActionTarget> {
    const learned = await this.learnedTargets();
    return (actionId) => {
      if (Object.hasOwn(learned, actionId)) return learned[actionId] === STAYS ? null : learned[actionId];
      return Object.hasOwn(DEFAULT_ACTIONS, actionId) ? DEFAULT_ACTIONS[actionId].target : undefined;
    };
  }

  private states: Promise<WorkflowState[]> | null = null;
  /** Answers of inferActions in this run: most changes of a busy cycle are the same few transitions. */
  private readonly inferences = new Map<string, Inference>();
  private inferencesFor: Settings | null = null;

  /** What ran between two states of an order (infer.ts), with this run's workflow, targets and settings. */
  async inferActions(from: string, to: string, authorized: boolean, createOn: string | null): Promise<Inference> {
    // Settings saved meanwhile: the rules changed, and with them the answers.
    if (this.inferencesFor !== this.settings) {
      this.inferences.clear();
      this.inferencesFor = this.settings;
    }
    const key = JSON.stringify([from, to, authorized, createOn]);
    let inference = this.inferences.get(key);
    if (!inference) {
      inference = inferActions({ states: await this.orderStates(), targetOf: await this.inferenceTargets(), settings: this.settings, from, to, authorized, createOn });
      this.inferences.set(key, inference);
    }
    return inference;
  }

  /** The workflow's states and what each offers (read once per run; the ports cache it for minutes). */
  orderStates(): Promise<WorkflowState[]> {
    if (!this.states) {
      this.states = this.ports.orderStates();
      this.states.catch(() => {
        this.states = null;
      });
    }
    return this.states;
  }

  async learnTarget(actionId: string, before: string | null, after: string | null): Promise<void> {
    if (!after || actionId === 'restore') return;
    // Our own run tells only where the order ended up: for a default action that is no news,
    // and for one that leaves the state as it is it would be wrong.
    if (before === null && Object.hasOwn(DEFAULT_ACTIONS, actionId)) return;
    // A custom action seen to leave the state as it is: remembered too, so that its being
    // offered no longer makes every change of such an order a question for the log.
    if (before === after && Object.hasOwn(DEFAULT_ACTIONS, actionId)) return;
    const target = before === after ? STAYS : after;
    const learned = await this.learnedTargets();
    if (learned[actionId] === target) return;
    learned[actionId] = target;
    this.learnedDirty = true;
    this.inferences.clear();
  }

  private async learnedTargets(): Promise<Record<string, string>> {
    if (!this.learned) this.learned = { ...((await getMeta('learned.actionTargets')) ?? {}) };
    return this.learned;
  }

  async flush(): Promise<void> {
    if (this.learnedDirty && this.learned) {
      await setMeta('learned.actionTargets', this.learned);
      this.learnedDirty = false;
    }
  }
}

/** Thrown to end a run at once: the token no longer works, nothing more can be done now. */
export class StopRun extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StopRun';
  }
}
