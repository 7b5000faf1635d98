/** The targets the benchmark checks (never timed tests: a miss is printed, not failed). */
export interface Target {
  metric: string;
  limit: number;
  unit: string;
  label: string;
}

export const TARGETS: Target[] = [
  { metric: 'inject_ms_p95', limit: 16, unit: 'ms', label: 'control in a new order block, p95' },
  { metric: 'linked_visible_ms_p95', limit: 16, unit: 'ms', label: 'linked deal shown on a revisit, p95' },
  { metric: 'order_view_overhead_ms', limit: 3, unit: 'ms', label: 'main-thread time added per order view' },
  { metric: 'order_view_first_overhead_ms', limit: 3, unit: 'ms', label: 'the same for first views' },
  { metric: 'content_js_gzip_bytes_max', limit: 12 * 1024, unit: 'B', label: 'largest content script, gzip -9' },
  { metric: 'idle_cycle_requests', limit: 2, unit: 'req', label: 'requests of an idle sync cycle' },
  { metric: 'requests_per_change', limit: 2.5, unit: 'req', label: 'requests per propagated change' },
  { metric: 'propagation_ms_p95', limit: 2000, unit: 'ms', label: 'deal stage change → order action, p95' },
  { metric: 'propagation_ms_p95_hosted', limit: 2000, unit: 'ms', label: 'the same against a hosted shop' },
  { metric: 'cycle_1k_requests', limit: 100, unit: 'req', label: 'requests of the cycle with 1,000 changes' },
  { metric: 'cycle_ms_1k_changes', limit: 2000, unit: 'ms', label: 'cycle over 100k orders with 1,000 changes' },
  { metric: 'cycle_ms_1k_changes_hosted', limit: 20000, unit: 'ms', label: 'the same against a hosted shop' },
  { metric: 'sw_heap_mb', limit: 40, unit: 'MB', label: 'service worker heap after that cycle' },
];

export function checkTargets(
  results: Record<string, unknown>,
): Array<Target & { value: number | null; met: boolean | null }> {
  return TARGETS.map((t) => {
    const value =
      typeof results[t.metric] === 'number' && Number.isFinite(results[t.metric])
        ? (results[t.metric] as number)
        : null;
    return { ...t, value, met: value === null ? null : value <= t.limit };
  });
}
