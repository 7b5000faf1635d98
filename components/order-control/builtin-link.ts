import type { OrderPageDriver } from '@/utils/pages/shop/types';
import type { OrderControlController } from './controller';
import type { PanelModule } from './panel-handoff';

/**
 * The page never contradicts the control: once Dealbridge knows the shown order's deal (it
 * linked it, or found it) while Webasyst's own sidebar still offers "Create deal in CRM",
 * that link becomes Webasyst's "CRM deal" link to the deal, as a reload would show it. The
 * markup comes with the panel's script (linking starts there, so it is usually loaded).
 */
export function keepBuiltinLinkTrue(
  controller: OrderControlController,
  driver: Pick<OrderPageDriver, 'createDealLink'>,
  loadPanel: () => Promise<PanelModule>,
): () => void {
  return controller.subscribe((state) => {
    const { view, context } = state;
    if (view?.builtin.kind !== 'unlinked' || context.status !== 'ready' || !context.data.deal) return;
    const create = driver.createDealLink(view.orderId);
    if (!create) return;
    const deal = { url: context.data.deal.url, ownerName: context.data.deal.ownerName };
    loadPanel().then(
      (panel) => {
        if (create.isConnected) panel.replaceCreateDealLink(create, view.ui, deal);
      },
      () => undefined, // Without the panel's script the page keeps Webasyst's own link until a reload.
    );
  });
}
