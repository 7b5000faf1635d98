import type { Settings } from '../../settings/schema';
import { currentLanguage } from '../../i18n';
import { DEFAULT_ACTIONS, defaultActionName, defaultActionTarget } from '../../settings/workflow';
import { getMeta, setMeta } from '../../db/meta';
import { inferActions, type ActionTarget, type Inference, type WorkflowState } from '../examine/infer';
import type { SyncPorts } from './ports';

/** In learned action targets: the action leaves the order's state as it is. */
const STAYS = '';

/**
 * What one run knows of Shop-Script's order workflow: the states and what each offers, where
 * each action leads (Shop-Script's defaults, and custom actions learned from order logs, kept
 * in IndexedDB), the actions' names, and the answers of inferActions for this run's settings.
 */
export class WorkflowKnowledge {
  readonly actionNames = new Map<string, string>();
  private learned: Record<string, string> | null = null;
  private learnedDirty = false;
  private states: Promise<WorkflowState[]> | null = null;
  /** Answers of inferActions in this run: most changes of a busy cycle are the same few transitions. */
  private readonly inferences = new Map<string, Inference>();
  private inferencesFor: Settings | null = null;

  constructor(
    private readonly ports: () => SyncPorts,
    private readonly settings: () => Settings,
  ) {}

  actionName(actionId: string): string {
    return this.actionNames.get(actionId) ?? defaultActionName(actionId, currentLanguage()) ?? actionId;
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

  /** What ran between two states of an order (infer.ts), with this run's workflow, targets and settings. */
  async inferActions(from: string, to: string, authorized: boolean, createOn: string | null): Promise<Inference> {
    const settings = this.settings();
    // Settings saved meanwhile: the rules changed, and with them the answers.
    if (this.inferencesFor !== settings) {
      this.inferences.clear();
      this.inferencesFor = settings;
    }
    const key = JSON.stringify([from, to, authorized, createOn]);
    let inference = this.inferences.get(key);
    if (!inference) {
      const [states, targetOf] = [await this.orderStates(), await this.inferenceTargets()];
      inference = inferActions({ states, targetOf, settings, from, to, authorized, createOn });
      this.inferences.set(key, inference);
    }
    return inference;
  }

  /** The workflow's states and what each offers (read once per run; the ports cache it for minutes). */
  orderStates(): Promise<WorkflowState[]> {
    if (!this.states) {
      this.states = this.ports().orderStates();
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

  /** Stores what this run learned. */
  async flush(): Promise<void> {
    if (this.learnedDirty && this.learned) {
      await setMeta('learned.actionTargets', this.learned);
      this.learnedDirty = false;
    }
  }

  private async learnedTargets(): Promise<Record<string, string>> {
    if (!this.learned) this.learned = { ...((await getMeta('learned.actionTargets')) ?? {}) };
    return this.learned;
  }
}
