import type { send } from '@/utils/messaging/content-client';
import type { LinkOutcome, LinkRequest } from '@/utils/pages/shop/backend-link';
import { toProblem } from '../order-control/controller';
import type { MoreHost, Problem } from './state';

/**
 * "Link an order" on an unlinked deal. Linking goes the order page's way: fresh checks in
 * the background (order.checkLink: the order still has no deal, this deal is still open,
 * unlinked and the order's customer's), Webasyst's own backend endpoint with the person's
 * session (the deal's external_id becomes "shop:<order id>"), then a re-read that confirms
 * it (order.linked). The endpoint checks nothing itself, so nothing is written when a check
 * fails. It ships with the deal panel's second script.
 */
export interface LinkOrderPorts {
  request: typeof send;
  link(orderId: number, request: LinkRequest): Promise<LinkOutcome>;
}

/** Reads the choices (again); `keep` is a refusal to show above the fresh list. */
export async function loadChoices(
  controller: MoreHost,
  ports: LinkOrderPorts,
  keep: Problem | null = null,
): Promise<void> {
  const current = controller.current();
  if (!current) return;
  if (controller.get().link.status !== 'ready') controller.setLink({ status: 'loading' });
  try {
    const choices = await ports.request('deal.orderChoices', { dealId: current.dealId });
    if (!current.isCurrent()) return;
    // The deal got an order meanwhile (here or elsewhere): the panel shows it.
    if (choices.linkedOrderId !== null) return controller.linked();
    controller.setLink({ status: 'ready', choices, chosen: null, busy: false, problem: keep });
  } catch (error) {
    if (current.isCurrent()) controller.setLink({ status: 'error', problem: toProblem(error) });
  }
}

/** Links the order shown in the summary to this deal (the click on "Link"). */
export async function linkChosen(controller: MoreHost, ports: LinkOrderPorts): Promise<void> {
  const link = controller.get().link;
  const current = controller.current();
  if (link.status !== 'ready' || link.busy || link.chosen === null || !current) return;
  const { choices } = link;
  const orderId = link.chosen;
  const order = choices.orders.find((o) => o.orderId === orderId);
  if (!order || !choices.customer) return;
  const fail = (problem: Problem) => {
    if (current.isCurrent()) controller.setLink({ ...link, chosen: null, busy: false, problem });
  };
  controller.setLink({ ...link, busy: true, problem: null });
  try {
    const verdict = await ports.request('order.checkLink', {
      orderId,
      customerId: choices.customer.id,
      dealId: choices.deal.id,
    });
    if (!current.isCurrent()) return;
    if (!verdict.ok) {
      // This deal got an order in the meantime: show it. The order got another deal: say which, list again.
      if (verdict.reason === 'deal_linked_elsewhere') return controller.linked();
      const problem = {
        code: verdict.reason ?? 'refused',
        message: '',
        orderNumber: order.number,
        dealName: verdict.linkedDeal?.name,
      };
      return void loadChoices(controller, ports, problem);
    }
    const outcome = await ports.link(orderId, {
      kind: 'bind',
      dealId: choices.deal.id,
      funnelId: choices.deal.funnelId,
      stageId: choices.deal.stageId,
      ownerId: null,
    });
    if (!current.isCurrent()) return;
    if (!outcome.ok) return fail({ code: outcome.failure, message: '' });
    if (outcome.dealId !== choices.deal.id) {
      // The endpoint made a new deal for the order instead of binding this one (it does that
      // rather than fail): it is confirmed and cached like any link, and this deal stays unlinked.
      await ports.request('order.linked', { orderId, dealId: outcome.dealId }).catch(() => undefined);
      return void loadChoices(controller, ports, { code: 'created_instead', message: '', orderNumber: order.number });
    }
    await ports.request('order.linked', { orderId, dealId: choices.deal.id });
    if (current.isCurrent()) controller.linked();
  } catch (error) {
    fail(toProblem(error));
  }
}
