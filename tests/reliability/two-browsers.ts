import { startSimulator } from '../../sim/server';
import { launchExtension, type Harness } from '../e2e/harness';
import { configureExtension, swCycle } from './browser-soak';
import { soakSettings, ADMIN, CUSTOMERS } from './soak';
import { createRng } from './prng';
import { dealsOfOrder } from './pairs';

/**
 * Two browsers of one team, both with "this browser runs the automatic sync" and automatic
 * creation on (the setting a team should not have, but will): new orders arrive in batches
 * while both run a cycle at the same moment. Every order must end with exactly one deal.
 * Then a person moves each new deal to "Paid", whose rule runs "pay" without its form: both
 * browsers see every move, and every order must be paid exactly once.
 */
export interface TwoBrowsersReport {
  orders: number;
  withoutDeal: number[];
  withSeveralDeals: number[];
  /** Deals the browsers created, and duplicates they removed again (a lost race, cleaned up). */
  created: number;
  deleted: number;
  linkedDeals: number;
  /** Orders whose "pay" ran other than once after their deal moved to "Paid". */
  notPaidOnce: Array<{ orderId: number; runs: number }>;
  durationMs: number;
}

export async function runTwoBrowsers(orders: number, seed = 42): Promise<TwoBrowsersReport> {
  const started = Date.now();
  const sim = await startSimulator({ seed: 'demo' });
  let a: Harness | null = null;
  let b: Harness | null = null;
  try {
    a = await launchExtension(sim);
    b = await launchExtension(sim);
    for (const h of [a, b]) await configureExtension(h, soakSettings());
    const both = () => Promise.all([swCycle(a!, 300_000), swCycle(b!, 300_000)]);
    await both();
    const rng = createRng(seed);
    const skus = sim.state.catalog.map((s) => s.skuId);
    const ids: number[] = [];
    const batch = Math.max(1, Math.ceil(orders / 10));
    while (ids.length < orders) {
      for (let i = 0; i < batch && ids.length < orders; i++) {
        ids.push(
          sim.state.addOrder({
            contactId: rng.pick(CUSTOMERS),
            items: [{ skuId: rng.pick(skus), quantity: 1 }],
            storefront: '',
            actorId: ADMIN,
          }).id,
        );
      }
      await both();
    }
    for (let k = 0; k < 3; k++) await both();

    const paidStage = soakSettings().mappings[0].rules.find((r) => r.actionId === 'pay')!.target;
    const dealIds = ids.map((id) => dealsOfOrder(sim, id)[0]?.id).filter((id): id is number => id !== undefined);
    for (let i = 0; i < dealIds.length; i += batch) {
      for (const dealId of dealIds.slice(i, i + batch))
        sim.state.moveDeal(dealId, paidStage.kind === 'stage' ? paidStage.stageId : 3, ADMIN, { force: true });
      await both();
    }
    for (let k = 0; k < 3; k++) await both();
    const effects = sim.log.effects();
    const payRuns = (id: number) => effects.filter((e) => e === `order_action:${id}:pay`).length;
    const counts = ids.map((id) => [id, dealsOfOrder(sim, id).length] as const);
    return {
      orders,
      withoutDeal: counts.filter(([, n]) => n === 0).map(([id]) => id),
      withSeveralDeals: counts.filter(([, n]) => n > 1).map(([id]) => id),
      created: effects.filter((e) => /^deal_create_backend:\d+:order:/.test(e)).length,
      deleted: effects.filter((e) => e.startsWith('deal_delete:')).length,
      linkedDeals: [...sim.state.deals.values()].filter((d) => ids.some((id) => d.externalId === `shop:${id}`)).length,
      notPaidOnce: ids.map((orderId) => ({ orderId, runs: payRuns(orderId) })).filter((r) => r.runs !== 1),
      durationMs: Date.now() - started,
    };
  } finally {
    await a?.close();
    await b?.close();
    await sim.close();
  }
}

export function twoBrowsersVerdictLine(r: TwoBrowsersReport): string {
  const ok =
    r.withoutDeal.length === 0 &&
    r.withSeveralDeals.length === 0 &&
    r.linkedDeals === r.orders &&
    r.notPaidOnce.length === 0;
  return `two browsers ${ok ? 'PASS' : 'FAIL'}: ${r.orders} new orders → ${r.linkedDeals} deals (${r.created} created, ${r.deleted} duplicates removed), ${r.withoutDeal.length} without a deal, ${r.withSeveralDeals.length} with several; deals moved to "Paid" → ${r.orders - r.notPaidOnce.length} orders paid once, ${r.notPaidOnce.length} not, ${(r.durationMs / 1000).toFixed(0)} s`;
}
