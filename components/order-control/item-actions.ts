import type { SyncItem } from '@/utils/messaging/models';
import { toProblem, type OrderControlController } from './controller';

/**
 * What the panel does with this order's sync items: retry or dismiss a problem, and a
 * problem's "Run “Paid” on order #1007". It ships with the panel's script, where the items are.
 */
export function retryItem(controller: OrderControlController, itemId: string): Promise<void> {
  return onItem(controller, 'sync.retry', itemId);
}

/** Drops a problem for good: a person decided it needs no sync. */
export function dismissItem(controller: OrderControlController, itemId: string): Promise<void> {
  return onItem(controller, 'sync.dismiss', itemId);
}

async function onItem(
  controller: OrderControlController,
  type: 'sync.retry' | 'sync.dismiss',
  itemId: string,
): Promise<void> {
  const generation = controller.currentGeneration;
  controller.set({ retrying: itemId, problem: null, notice: null });
  try {
    await controller.ports.request(type, { itemId });
    if (generation !== controller.currentGeneration) return;
    controller.set({ retrying: null, notice: type === 'sync.retry' ? { kind: 'retry_asked' } : null });
    await controller.refresh();
  } catch (error) {
    if (generation === controller.currentGeneration) controller.set({ retrying: null, problem: toProblem(error) });
  }
}

/** This order's own form, here; another order's page, in this tab. */
export function runInShop(controller: OrderControlController, item: SyncItem): void {
  const run = item.runInShop;
  if (!run || item.orderId === null) return;
  controller.toggle(false);
  if (!controller.ports.openActionForm(item.orderId, run.actionId)) controller.ports.navigate(run.url);
}
