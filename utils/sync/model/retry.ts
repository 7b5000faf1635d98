/**
 * When to try an outbox item again: exponential backoff with jitter (so that several
 * browsers of a team do not retry in lockstep), Retry-After honoured, and a last try
 * after which the item becomes a problem for a person.
 */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** Tries in all; after the last one fails the item is parked as a problem. */
  maxAttempts: number;
  /**
   * A write that got no answer (timeout, dropped connection, the worker stopped) may still be
   * running on the server: it is re-read only this long after it was sent (the API client's
   * timeout plus a margin), so that the re-read sees its outcome.
   */
  lostWriteSettleMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 2_000,
  maxMs: 10 * 60_000,
  maxAttempts: 6,
  lostWriteSettleMs: 25_000,
};

/** Delay before try number `attempts + 1`, given `attempts` failed tries so far (≥ 1). */
export function retryDelay(
  attempts: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs: number | null = null,
): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exp / 2 + random() * (exp / 2));
  return retryAfterMs !== null ? Math.max(jittered, retryAfterMs) : jittered;
}

export function exhausted(attempts: number, policy: RetryPolicy): boolean {
  return attempts >= policy.maxAttempts;
}
