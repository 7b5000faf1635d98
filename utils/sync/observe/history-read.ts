import type { HistoryItem, SyncPorts } from '../engine/ports';

const HISTORY_PAGE = 500;

/**
 * Every CRM history entry past `minId` (optionally of one deal), oldest first: pages down
 * with max_id while a page comes back full, since a full page may hide older entries.
 */
export async function readHistorySince(
  ports: Pick<SyncPorts, 'history'>,
  minId: number,
  dealId?: number,
): Promise<HistoryItem[]> {
  const byId = new Map<number, HistoryItem>();
  let maxId: number | undefined;
  for (;;) {
    const page = await ports.history({ minId, maxId, limit: HISTORY_PAGE, dealId });
    let gained = 0;
    let lowest = Infinity;
    for (const entry of page) {
      if (entry.id <= minId) continue;
      lowest = Math.min(lowest, entry.id);
      if (!byId.has(entry.id)) {
        byId.set(entry.id, entry);
        gained++;
      }
    }
    // A full page may hide older entries below it; an empty gain means the window is exhausted.
    if (page.length < HISTORY_PAGE || gained === 0 || lowest === Infinity) break;
    maxId = lowest;
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
