import { z } from 'zod';
import { defaultFormChoice } from './workflow';

/**
 * Dealbridge settings: everything a manager sets, except the token (which lives in the
 * background's IndexedDB only). The same schema validates the store, messages and imports.
 * Bump SETTINGS_VERSION and add a step to ./migrations.ts when the shape changes.
 */
export const SETTINGS_VERSION = 2;

const id = z.number().int().positive();

/** What an order action maps to in one funnel, like Webasyst's own "Workflow-Funnel" table. */
const ruleTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('stage'), stageId: id }),
  z.object({ kind: z.literal('won') }),
  z.object({ kind: z.literal('lost') }),
]);
export type RuleTarget = z.infer<typeof ruleTargetSchema>;

/** When the action has a form: run it without (Shop-Script's defaults) or ask a person. */
const formChoiceSchema = z.enum(['run', 'ask']);

const ruleObject = z.object({
  /** Shop-Script workflow action id (custom and plugin actions included). */
  actionId: z.string().min(1).max(64),
  target: ruleTargetSchema,
  direction: z.enum(['both', 'order_to_deal', 'deal_to_order']).default('both'),
  /** By default a rule only moves a deal forward (by stage order), as Webasyst does. */
  allowBackward: z.boolean().default(false),
  /** Deal → order, for an action with a form; absent means the action's default (see workflow.ts). */
  formChoice: formChoiceSchema,
});

/** A rule without a form choice gets its action's default, so every stored rule carries one. */
const ruleSchema = z.preprocess((raw) => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const rule = raw as Record<string, unknown>;
  if (rule.formChoice !== undefined || typeof rule.actionId !== 'string') return raw;
  return { ...rule, formChoice: defaultFormChoice(rule.actionId) };
}, ruleObject);
export type Rule = z.infer<typeof ruleSchema>;

const funnelRulesSchema = z.object({
  funnelId: id,
  rules: z.array(ruleSchema).max(200),
});

const autoCreateSchema = z.object({
  /** Storefront as in order.params.storefront; '' is "Manual order" (backend orders). */
  storefront: z.string().max(500),
  enabled: z.boolean(),
  trigger: z.enum(['order_create', 'order_process']).default('order_create'),
  funnelId: id,
  stageId: id,
  /** Owner of new deals; null means the connected user. */
  ownerId: id.nullable().default(null),
});
export type AutoCreate = z.infer<typeof autoCreateSchema>;

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  /** Installation root, e.g. "https://shop.example.com/" (no /webasyst/). Null before connecting. */
  baseUrl: z.string().url().nullable().default(null),
  mappings: z.array(funnelRulesSchema).max(100).default([]),
  autoCreate: z.array(autoCreateSchema).max(200).default([]),
  closeRules: z
    .object({
      /** Deal won → run "complete" on the order. */
      wonCompletes: z.boolean().default(true),
      /** Deal lost → run "delete" on the order. */
      lostDeletes: z.boolean().default(true),
      /** When "complete" has a form (a customised workflow): run without it, or ask. */
      wonFormChoice: formChoiceSchema.default('run'),
      /** "Delete" has a form (it returns stock): a person confirms by default. */
      lostFormChoice: formChoiceSchema.default('ask'),
    })
    .default({ wonCompletes: true, lostDeletes: true, wonFormChoice: 'run', lostFormChoice: 'ask' }),
  /** Defaults offered by the order page's "New deal". */
  newDeal: z
    .object({ funnelId: id.nullable().default(null), stageId: id.nullable().default(null) })
    .default({ funnelId: null, stageId: null }),
  sync: z
    .object({
      enabled: z.boolean().default(true),
      periodMinutes: z.number().min(0.5).max(1440).default(1),
      /** "This browser runs the automatic sync". */
      runsAutomaticSync: z.boolean().default(true),
      paused: z.boolean().default(false),
    })
    .default({ enabled: true, periodMinutes: 1, runsAutomaticSync: true, paused: false }),
  notifications: z.object({ enabled: z.boolean().default(false) }).default({ enabled: false }),
});
export type Settings = z.infer<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({ version: SETTINGS_VERSION });
}
