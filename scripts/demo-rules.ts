/**
 * Rules a merchant would typically set for the demo seed's "Sales" funnel, so that the demo
 * and the store screenshots sync something visible: confirming, paying and shipping an order
 * move its deal along, completing it wins the deal.
 */
export function demoRules(): Record<string, unknown> {
  const rule = (actionId: string, target: unknown) => ({ actionId, target, direction: 'both', allowBackward: false });
  return {
    mappings: [
      {
        funnelId: 1,
        rules: [
          rule('process', { kind: 'stage', stageId: 2 }),
          rule('pay', { kind: 'stage', stageId: 3 }),
          rule('ship', { kind: 'stage', stageId: 4 }),
          rule('complete', { kind: 'won' }),
        ],
      },
    ],
    autoCreate: [{ storefront: '', enabled: true, trigger: 'order_create', funnelId: 1, stageId: 1, ownerId: null }],
    newDeal: { funnelId: 1, stageId: 1 },
  };
}
