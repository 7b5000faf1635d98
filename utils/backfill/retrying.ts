import { classifyFailure } from '../sync/model/failure';
import { exhausted, retryDelay, type RetryPolicy } from '../sync/model/retry';
import type { BackfillPorts } from './ports';

/**
 * The backfill's bulk reads (order pages, deal pages, the workflow, the clock) tried again with
 * the sync's backoff on 429 (honouring Retry-After), 5xx and dropped connections; anything else,
 * or the last try, fails the step, which the run's next wake-up starts again from its cursor.
 * Writes are not wrapped: they are retried per order, each after a re-read.
 */
export function retryingReads(
  ports: BackfillPorts,
  options: { policy: RetryPolicy; random: () => number; sleep?: (ms: number) => Promise<void> },
): BackfillPorts {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retry = async <T>(read: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await read();
      } catch (error) {
        const failure = classifyFailure(error, false);
        const again = failure.kind === 'transient' || failure.kind === 'rate';
        if (!again || exhausted(attempt, options.policy)) throw error;
        await sleep(retryDelay(attempt, options.policy, options.random, failure.retryAfterMs));
      }
    }
  };
  return {
    ...ports,
    searchOrders: (hash, limit) => retry(() => ports.searchOrders(hash, limit)),
    listDeals: (offset, limit) => retry(() => ports.listDeals(offset, limit)),
    orderStates: () => retry(() => ports.orderStates()),
    shopClock: () => retry(() => ports.shopClock()),
  };
}
