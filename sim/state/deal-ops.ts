// CRM deal operations. Single-deal moves/closes ask the built-in integration
// first (it may run a Shop action or answer with a dialog); bulk ones never do.
import { DomainError } from './errors';
import { toSecond } from './format';
import type { CrmDialog } from './integration';
import { runOrderAction, type RunActionOptions } from './order-ops';
import type { SimState } from './state';
import type { Deal, HistoryEntry, Stage } from './types';

export function logDeal(
  state: SimState,
  deal: Deal,
  action: string,
  actorId: number,
  extra: Partial<HistoryEntry> = {},
): HistoryEntry {
  return state.history.add({
    createdAt: toSecond(state.clock.now()),
    actorId,
    action,
    objectType: 'DEAL',
    objectId: deal.id,
    dealId: deal.id,
    contactId: deal.contactId,
    before: null,
    after: null,
    ...extra,
  });
}

export interface NewDeal {
  name: string;
  stageId: number;
  contactId: number;
  userContactId?: number | null;
  amount?: number | null;
  currencyId?: string | null;
  expectedDate?: string | null;
  description?: string | null;
  externalId?: string | null;
  sourceId?: number | null;
  creatorContactId?: number;
  statusId?: Deal['statusId'];
  createdAt?: number;
}

/** Insert a deal and log deal_add (no effect string: callers name the cause). */
export function insertDeal(state: SimState, input: NewDeal, actorId: number): Deal {
  const stage = state.stage(input.stageId);
  if (!stage) throw new DomainError('not_found', 'Stage not found');
  const now = toSecond(input.createdAt ?? state.clock.now());
  const currency = state.currency(input.currencyId) ?? state.primaryCurrency();
  const deal: Deal = {
    id: state.nextDealId++,
    creatorContactId: input.creatorContactId ?? actorId,
    createdAt: now,
    updatedAt: now,
    reminderAt: null,
    funnelId: stage.funnelId,
    stageId: stage.id,
    statusId: input.statusId ?? 'OPEN',
    name: input.name,
    description: input.description ?? null,
    expectedDate: input.expectedDate ?? null,
    closedAt: input.statusId && input.statusId !== 'OPEN' ? now : null,
    amount: input.amount ?? null,
    currencyId: currency.code,
    currencyRate: currency.rate,
    contactId: input.contactId,
    userContactId: input.userContactId === undefined ? actorId : input.userContactId,
    lostId: null,
    lostText: null,
    externalId: input.externalId ?? null,
    sourceId: input.sourceId ?? null,
    isPinned: false,
    lastMessageId: null,
  };
  state.deals.set(deal.id, deal);
  logDeal(state, deal, 'deal_add', actorId);
  return deal;
}

export function addDeal(state: SimState, input: NewDeal, actorId: number): Deal {
  const deal = insertDeal(state, input, actorId);
  state.emit(`deal_add:${deal.id}`);
  return deal;
}

const PATCHABLE = ['name', 'description', 'expected_date', 'amount', 'currency_id'];

export function patchDeal(
  state: SimState,
  dealId: number,
  fields: { field: string; value: unknown }[],
  actorId: number,
) {
  const deal = state.getDeal(dealId);
  if (!deal) throw new DomainError('not_found', 'Deal not found');
  for (const f of fields) {
    if (!PATCHABLE.includes(f.field)) throw new DomainError('invalid_field', `Invalid field: ${f.field}`);
  }
  const changed: { id: string; name: string; type: string; value: unknown; data: unknown }[] = [];
  for (const { field, value } of fields) {
    if (field === 'name') deal.name = String(value ?? '');
    if (field === 'description') deal.description = value === null ? null : String(value);
    if (field === 'expected_date') deal.expectedDate = value ? String(value) : null;
    if (field === 'amount') deal.amount = value === null || value === '' ? null : Number(value);
    if (field === 'currency_id') {
      const c = state.currency(String(value));
      if (!c) throw new DomainError('invalid_field', 'Unknown currency');
      deal.currencyId = c.code;
      deal.currencyRate = c.rate;
    }
    const type = field === 'amount' ? 'number' : field === 'expected_date' ? 'date' : 'string';
    changed.push({ id: field, name: field, type, value, data: value });
  }
  deal.updatedAt = toSecond(state.clock.now());
  logDeal(state, deal, 'deal_edit', actorId);
  state.emit(`deal_patch:${deal.id}`);
  return changed;
}

/** Move without any Shop side effects; logs deal_step (same funnel) or deal_move. */
export function applyStage(state: SimState, deal: Deal, stage: Stage, actorId: number, forceOpen = false): void {
  const before = state.stage(deal.stageId);
  const crossFunnel = stage.funnelId !== deal.funnelId;
  deal.stageId = stage.id;
  deal.funnelId = stage.funnelId;
  deal.updatedAt = toSecond(state.clock.now());
  if (forceOpen && deal.statusId !== 'OPEN') {
    deal.statusId = 'OPEN';
    deal.closedAt = null;
  }
  logDeal(state, deal, crossFunnel ? 'deal_move' : 'deal_step', actorId, {
    before: before?.name ?? null,
    after: stage.name,
    stageBefore: before?.id,
    stageAfter: stage.id,
  });
  state.emit(`deal_move:${deal.id}:${before?.id ?? ''}->${stage.id}`);
}

export function applyClose(
  state: SimState,
  deal: Deal,
  status: 'WON' | 'LOST',
  actorId: number,
  lostId: number | null = null,
  lostText: string | null = null,
): void {
  const now = toSecond(state.clock.now());
  deal.statusId = status;
  deal.closedAt = now;
  deal.updatedAt = now;
  deal.reminderAt = null;
  deal.lostId = status === 'LOST' ? lostId : null;
  deal.lostText = status === 'LOST' ? lostText || null : null;
  logDeal(state, deal, status === 'WON' ? 'deal_won' : 'deal_lost', actorId);
  state.emit(`deal_close:${deal.id}:${status}`);
}

export function applyReopen(state: SimState, deal: Deal, actorId: number): void {
  deal.statusId = 'OPEN';
  deal.closedAt = null;
  deal.lostId = null;
  deal.lostText = null;
  deal.updatedAt = toSecond(state.clock.now());
  logDeal(state, deal, 'deal_reopen', actorId);
  state.emit(`deal_reopen:${deal.id}`);
}

export interface MoveOptions {
  force?: boolean;
  /** bulk moves never touch orders */
  bulk?: boolean;
}

export class DialogError extends DomainError {
  constructor(readonly dialog: CrmDialog) {
    super('dialog', 'Confirmation required', { ...dialog });
  }
}

/** @returns false when the deal already was at that stage */
export function moveDeal(
  state: SimState,
  dealId: number,
  stageId: number,
  actorId: number,
  opts: MoveOptions = {},
): boolean {
  const deal = state.getDeal(dealId);
  if (!deal) throw new DomainError('not_found', 'Deal not found');
  const stage = state.stage(stageId);
  if (!stage) throw new DomainError('not_found', 'Stage not found');
  if (deal.stageId === stage.id) return false;
  if (!opts.bulk) {
    const dialog = state.prepareCrmSide(deal, stage, state.stage(deal.stageId) ?? null, !!opts.force, actorId);
    if (dialog && (dialog.action_id || !opts.force)) throw new DialogError(dialog);
  }
  applyStage(state, deal, stage, actorId);
  return true;
}

export interface CloseOptions extends MoveOptions {
  lostId?: number | null;
  lostText?: string | null;
}

export function closeDeal(
  state: SimState,
  dealId: number,
  status: 'WON' | 'LOST',
  actorId: number,
  opts: CloseOptions = {},
): void {
  const deal = state.getDeal(dealId);
  if (!deal) throw new DomainError('not_found', 'Deal not found');
  if (!opts.bulk) {
    const dialog = state.prepareCrmSide(deal, status, state.stage(deal.stageId) ?? null, !!opts.force, actorId);
    if (dialog && (dialog.action_id || !opts.force)) throw new DialogError(dialog);
  }
  applyClose(state, deal, status, actorId, opts.lostId ?? null, opts.lostText ?? null);
}

export function reopenDeal(state: SimState, dealId: number, actorId: number): void {
  const deal = state.getDeal(dealId);
  if (!deal) throw new DomainError('not_found', 'Deal not found');
  if (deal.statusId === 'OPEN') throw new DomainError('warning', 'Deal is not closed');
  applyReopen(state, deal, actorId);
}

/** crm.deal.shopaction: run an order action from the deal (the dialog's form submit). */
export function dealShopAction(
  state: SimState,
  orderId: number,
  actionId: string,
  actorId: number,
  opts: RunActionOptions = {},
): Deal {
  const deal = state.dealForOrder(orderId);
  if (!deal) throw new DomainError('not_found', 'Deal not found');
  try {
    runOrderAction(state, orderId, actionId, actorId, { ...opts, viaCrm: true });
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'not_available' || err.code === 'order_not_found')) {
      throw new DomainError('not_available', 'Action is not available');
    }
    throw err;
  }
  return deal;
}
