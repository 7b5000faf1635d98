import type { DealSummary } from '@/utils/messaging/models';
import type { LinkRequest } from '@/utils/pages/shop/backend-link';
import { toProblem, type NewDealChoice, type OrderControlController } from './controller';

/**
 * Linking from the order page: the picker's data, and binding a deal or creating one. It
 * ships with the panel's script (linking starts only there), which keeps order-page.js small.
 */
export async function loadPicker(controller: OrderControlController): Promise<void> {
  const view = controller.get().view;
  if (!view || view.customerId === null) return;
  const generation = controller.currentGeneration;
  const status = controller.get().picker.status;
  // Asked twice before the first read started (an effect flushed again): once is enough.
  if (status === 'loading') return;
  if (status !== 'ready') controller.set({ picker: { status: 'loading' } });
  try {
    const data = await controller.ports.request('order.pickerData', {
      orderId: view.orderId,
      customerId: view.customerId,
    });
    if (generation === controller.currentGeneration) controller.set({ picker: { status: 'ready', data } });
  } catch (error) {
    if (generation === controller.currentGeneration)
      controller.set({ picker: { status: 'error', problem: toProblem(error) } });
  }
}

export async function bindDeal(controller: OrderControlController, deal: DealSummary): Promise<void> {
  const picker = controller.get().picker;
  if (picker.status !== 'ready') return;
  await linkWith(controller, 'bind', deal.id, {
    kind: 'bind',
    dealId: deal.id,
    funnelId: deal.funnelId,
    stageId: deal.stageId,
    ownerId: picker.data.me.id,
  });
}

export async function createDeal(controller: OrderControlController, choice: NewDealChoice): Promise<void> {
  await linkWith(controller, 'create', null, { kind: 'new', ...choice });
}

async function linkWith(
  controller: OrderControlController,
  busy: 'bind' | 'create',
  dealId: number | null,
  link: LinkRequest,
): Promise<void> {
  const { view, busy: already } = controller.get();
  if (!view || already) return;
  const generation = controller.currentGeneration;
  const current = () => generation === controller.currentGeneration;
  const { ports } = controller;
  controller.set({ busy, problem: null, notice: null });
  try {
    // 1. Fresh checks: the endpoint would silently create a new deal instead of failing.
    const verdict = await ports.request('order.checkLink', {
      orderId: view.orderId,
      customerId: view.customerId,
      dealId,
    });
    if (!current()) return;
    if (!verdict.ok) {
      const problem = { code: verdict.reason ?? 'refused', message: '' };
      if (verdict.linkedDeal) controller.setDeal(verdict.linkedDeal);
      controller.set({ busy: null, problem });
      if (!verdict.linkedDeal) void loadPicker(controller);
      return;
    }
    // 2. Link with the user's own session, as Webasyst's dialog does.
    const outcome = await ports.link(view.orderId, link);
    if (!current()) return;
    if (!outcome.ok) {
      controller.set({ busy: null, problem: { code: outcome.failure, message: '' } });
      return;
    }
    // 3. Verify by re-reading the deal; the background caches the confirmed link.
    const deal = await ports.request('order.linked', { orderId: view.orderId, dealId: outcome.dealId });
    if (!current()) return;
    controller.setDeal(deal);
    const insteadOf = dealId !== null && outcome.dealId !== dealId ? dealId : null;
    controller.set({
      busy: null,
      notice: insteadOf ? { kind: 'created_instead', requested: insteadOf } : { kind: 'linked' },
    });
  } catch (error) {
    if (current()) controller.set({ busy: null, problem: toProblem(error) });
  }
}
