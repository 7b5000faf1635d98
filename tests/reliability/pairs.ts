import type { Sim } from '../../sim/server';

/**
 * What "the state of a pair" means for the soak: the order's state and every deal that
 * carries the order's link (external_id "shop:<id>"), by funnel, stage and status. Deal ids
 * differ between two simulators (deals are created in a different order), so they are left out.
 */
export interface PairSnapshot {
  orderState: string;
  deals: Array<{ funnelId: number; stageId: number; status: string }>;
}

export function dealsOfOrder(sim: Sim, orderId: number) {
  return [...sim.state.deals.values()].filter((d) => d.externalId === `shop:${orderId}`).sort((a, b) => a.id - b.id);
}

export function pairSnapshot(sim: Sim, orderId: number): PairSnapshot {
  const order = sim.state.getOrder(orderId);
  return {
    orderState: order?.stateId ?? 'missing',
    deals: dealsOfOrder(sim, orderId).map((d) => ({ funnelId: d.funnelId, stageId: d.stageId, status: d.statusId })),
  };
}

export const sameSnapshot = (a: PairSnapshot, b: PairSnapshot) => JSON.stringify(a) === JSON.stringify(b);

export function allOrderIds(sim: Sim): number[] {
  return [...sim.state.orders.all()].map((o) => o.id).sort((a, b) => a - b);
}
