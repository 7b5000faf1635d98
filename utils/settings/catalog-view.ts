import { z } from 'zod';

/**
 * What the options page needs to know about the installation, built in the background
 * from the live API (settings.catalog): funnels and stages, the order workflow, storefronts
 * and users. Display data only.
 */
const catalogStageSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  color: z.string().nullable(),
  /** Stage order within the funnel ("number" in crm.funnel.list). */
  number: z.number(),
});

const catalogFunnelSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  color: z.string().nullable(),
  isArchived: z.boolean(),
  stages: z.array(catalogStageSchema),
});

const catalogStateSchema = z.object({
  id: z.string(),
  name: z.string(),
  color: z.string().nullable(),
  /** Action ids offered from this state, in workflow order (shop.settings.get order_states[].available_actions). */
  availableActions: z.array(z.string()),
});

const catalogActionSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Where the name came from: Dealbridge's table of default actions, an order's actions, or nowhere (the id is shown). */
  nameSource: z.enum(['default', 'order', 'id']),
  /** State the action moves an order to, when known (default actions; learned from order logs otherwise). */
  targetStateId: z.string().nullable(),
  /** Shop-Script shows a form for it: known for default actions, null (unknown) for custom and plugin ones. */
  hasForm: z.boolean().nullable(),
});

export const settingsCatalogSchema = z.object({
  funnels: z.array(catalogFunnelSchema),
  states: z.array(catalogStateSchema),
  /** Mappable actions (create, edit, editcode, callback, settle left out), in workflow order. */
  actions: z.array(catalogActionSchema),
  /** Storefronts as order.params.storefront holds them; '' (manual orders) is not listed here. */
  storefronts: z.array(z.object({ id: z.string(), name: z.string() })),
  users: z.array(z.object({ id: z.number().int(), name: z.string() })),
  me: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});

export type CatalogFunnel = z.infer<typeof catalogFunnelSchema>;
export type CatalogAction = z.infer<typeof catalogActionSchema>;
export type SettingsCatalog = z.infer<typeof settingsCatalogSchema>;
