import { afterEach, describe, expect, it, vi } from 'vitest';

// idb recognises cursor-advancing methods by identity on first use, so the spies go in
// before anything opens a database: idb then treats the spied methods as the real ones.
const steps = vi.spyOn(IDBCursor.prototype, 'continue');
const indexGetAll = vi.spyOn(IDBIndex.prototype, 'getAll');
const storeGetAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');

const { ActivityLog } = await import('@/utils/activity/log');

const DAY = 24 * 60 * 60 * 1000;
const now = 10 * DAY;
let counter = 0;
const logs: InstanceType<typeof ActivityLog>[] = [];

async function filledLog(count: number, maxEntries = 5000) {
  const log = new ActivityLog({ dbName: `activity-reads-${++counter}`, now: () => now, maxEntries });
  logs.push(log);
  for (let i = 0; i < count; i++) {
    await log.append({ at: now - i * 1000, kind: 'deal_moved', outcome: 'applied', orderId: i + 1 });
  }
  steps.mockClear();
  indexGetAll.mockClear();
  storeGetAll.mockClear();
  return log;
}

afterEach(async () => {
  await Promise.all(logs.splice(0).map((log) => log.close()));
});

describe('activity log reads', () => {
  it('reads one page through the time index, not the whole log', async () => {
    const log = await filledLog(300);
    const page = await log.list({ limit: 20 });
    expect(page.map((e) => e.orderId)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(steps.mock.calls.length).toBeLessThanOrEqual(20);
    expect(indexGetAll).not.toHaveBeenCalled();
    expect(storeGetAll).not.toHaveBeenCalled();
  });

  it('prunes on append by walking only what it deletes', async () => {
    const log = await filledLog(400, 1000);
    await log.append({ at: now, kind: 'deal_moved', outcome: 'applied', orderId: 999 });
    expect(steps).not.toHaveBeenCalled();

    const full = await filledLog(30, 25);
    expect(await full.count()).toBe(25);
    await full.append({ at: now, kind: 'deal_moved', outcome: 'applied', orderId: 999 });
    // One entry over the bound: one step past the deleted oldest entry.
    expect(steps.mock.calls.length).toBeLessThanOrEqual(1);
    expect(await full.count()).toBe(25);
  });
});
