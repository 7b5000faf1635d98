import type { OrderPageDriver } from '@/utils/pages/shop/types';
import type { OrderControlController } from './controller';

/**
 * The page never contradicts the control: once Dealbridge knows the shown order's deal (it
 * linked it, or found it) while Webasyst's own sidebar still offers "Create deal in CRM",
 * that link becomes Webasyst's "CRM deal" link to the deal, as a reload would show it.
 */
export function keepBuiltinLinkTrue(controller: OrderControlController, driver: Pick<OrderPageDriver, 'showBuiltinLinked'>): () => void {
  return controller.subscribe((state) => {
    const { view, context } = state;
    if (view?.builtin.kind !== 'unlinked' || context.status !== 'ready' || !context.data.deal) return;
    driver.showBuiltinLinked(view.orderId, { url: context.data.deal.url, ownerName: context.data.deal.ownerName });
  });
}
