import { dealUrl } from '../webasyst/urls';
import type { DealSummary } from '../messaging/models';

/**
 * Turns a CRM deal as the API returns it (a `crm.deal.list` item or a `crm.deal.info`
 * reply) plus the catalog (funnels with stages, users) into the `DealSummary` view model
 * the UIs show. Pure: no I/O, so every surface and test builds summaries the same way.
 *
 * The input types are structural on purpose: both API shapes fit them, and the zod schemas
 * that parse the replies live with the API client.
 */
export interface DealLike {
  id: number;
  name: string;
  funnel_id: number;
  stage_id: number;
  status_id: 'OPEN' | 'WON' | 'LOST';
  amount?: number | null;
  currency_id?: string | null;
  /** crm.deal.list converts `amount` to CRM's default currency and keeps the deal's own here. */
  original_amount?: number | null;
  original_currency_id?: string | null;
  create_datetime?: string | null;
  /** crm.deal.info only. */
  user_contact_id?: number | null;
  /** crm.deal.list only, and only with `fields[]=user`. */
  user?: { id: number; name: string } | null;
  /** crm.deal.list embeds these; crm.deal.info does not. */
  funnel?: { id: number; name: string; color?: string | null } | null;
  stage?: { id: number; name: string; color?: string | null } | null;
}

interface CatalogFunnel {
  id: number;
  name: string;
  color: string | null;
  stages: Array<{ id: number; name: string; color: string | null }>;
}

export interface SummaryCatalog {
  funnels: CatalogFunnel[];
  users: Array<{ id: number; name: string }>;
}

export function toDealSummary(deal: DealLike, catalog: SummaryCatalog, baseUrl: string): DealSummary {
  const funnel = catalog.funnels.find((f) => f.id === deal.funnel_id);
  const stage = funnel?.stages.find((s) => s.id === deal.stage_id);
  const money = dealMoney(deal);
  return {
    id: deal.id,
    name: deal.name,
    funnelId: deal.funnel_id,
    // The catalog may be a few seconds old; the deal's own embedded names fill the gap.
    funnelName: funnel?.name ?? deal.funnel?.name ?? `#${deal.funnel_id}`,
    funnelColor: cleanColor(funnel?.color ?? deal.funnel?.color ?? null),
    stageId: deal.stage_id,
    stageName: stage?.name ?? deal.stage?.name ?? `#${deal.stage_id}`,
    stageColor: cleanColor(stage?.color ?? deal.stage?.color ?? null),
    status: deal.status_id,
    ownerName: ownerName(deal, catalog),
    amount: money.amount,
    currency: money.currency,
    createdAt: deal.create_datetime ?? null,
    url: dealUrl(baseUrl, deal.id),
  };
}

function ownerName(deal: DealLike, catalog: SummaryCatalog): string | null {
  if (deal.user?.name) return deal.user.name;
  const ownerId = deal.user_contact_id ?? deal.user?.id ?? null;
  if (!ownerId) return null;
  return catalog.users.find((u) => u.id === ownerId)?.name ?? null;
}

function dealMoney(deal: DealLike): { amount: number | null; currency: string | null } {
  if (deal.original_amount !== undefined && deal.original_amount !== null) {
    return { amount: deal.original_amount, currency: deal.original_currency_id ?? deal.currency_id ?? null };
  }
  return { amount: deal.amount ?? null, currency: deal.currency_id ?? null };
}

/** Colours end up in inline styles: accept only plain hex, so a crafted value cannot inject CSS. */
export function cleanColor(color: string | null): string | null {
  if (!color) return null;
  return /^#[0-9a-f]{3,8}$/i.test(color.trim()) ? color.trim() : null;
}
