import { afterEach, describe, expect, it } from 'vitest';
import { ActivityLog, type ActivityInput } from '@/utils/activity/log';

const DAY = 24 * 60 * 60 * 1000;
let dbCounter = 0;
const logs: ActivityLog[] = [];

function makeLog(options: { maxEntries?: number; maxAgeMs?: number; now?: () => number } = {}) {
  const log = new ActivityLog({ dbName: `activity-test-${++dbCounter}`, ...options });
  logs.push(log);
  return log;
}

function moved(at: number, extra: Partial<ActivityInput> = {}): ActivityInput {
  return {
    at,
    kind: 'deal_moved',
    outcome: 'applied',
    orderId: 3,
    orderNumber: '#1003',
    dealId: 6,
    dealName: 'Office chairs',
    from: 'New',
    to: 'Invoice sent',
    rule: 'Paid → Invoice sent',
    funnelName: 'Sales',
    trigger: 'Order #1003: Paid',
    ...extra,
  };
}

afterEach(async () => {
  await Promise.all(logs.splice(0).map((log) => log.close()));
});

describe('activity log', () => {
  it('fills id and time, and defaults missing details to null', async () => {
    const log = makeLog({ now: () => 1_000_000 });
    const entry = await log.append({ kind: 'problem', outcome: 'failed', orderId: 5 });
    expect(entry.at).toBe(1_000_000);
    expect(entry.id).toMatch(/\S/);
    expect(entry.dealName).toBeNull();
    expect(await log.list()).toEqual([entry]);
  });

  it('refuses an entry that does not parse, with a clear message, and stores nothing', async () => {
    const log = makeLog();
    await expect(log.append({ kind: 'exploded', outcome: 'applied' } as unknown as ActivityInput)).rejects.toThrow(
      /Invalid activity entry: kind/,
    );
    expect(await log.count()).toBe(0);
  });

  it('lists newest first by time, not by insertion order, and pages without gaps or repeats', async () => {
    const now = 10 * DAY;
    const log = makeLog({ now: () => now });
    const times = [5, 1, 9, 3, 3, 3, 7, 2, 8, 4];
    for (const [i, t] of times.entries()) await log.append(moved(now - t * 1000, { orderId: i + 1 }));
    const page1 = await log.list({ limit: 4 });
    const last1 = page1[page1.length - 1];
    const page2 = await log.list({ limit: 4, before: { at: last1.at, id: last1.id } });
    const last2 = page2[page2.length - 1];
    const page3 = await log.list({ limit: 4, before: { at: last2.at, id: last2.id } });
    const all = [...page1, ...page2, ...page3];
    expect(all.map((e) => (now - e.at) / 1000)).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(all.map((e) => e.id)).size).toBe(times.length);
    expect(page3).toHaveLength(2);
  });

  it('overwrites instead of duplicating when the same id is appended twice', async () => {
    const log = makeLog({ now: () => 10_000 });
    await log.append(moved(1000, { id: 'outbox-7', outcome: 'failed' }));
    await log.append(moved(2000, { id: 'outbox-7', outcome: 'applied' }));
    const entries = await log.list();
    expect(entries).toHaveLength(1);
    expect(entries[0].outcome).toBe('applied');
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const log = makeLog({ maxEntries: 5, now: () => 100_000 });
    for (let i = 0; i < 8; i++) await log.append(moved(90_000 + i, { orderId: i + 1 }));
    expect(await log.count()).toBe(5);
    expect((await log.list({ limit: 10 })).map((e) => e.orderId)).toEqual([8, 7, 6, 5, 4]);
  });

  it('drops entries older than maxAgeMs on the next append', async () => {
    let now = 40 * DAY;
    const log = makeLog({ maxAgeMs: 30 * DAY, now: () => now });
    await log.append(moved(now - 31 * DAY, { orderId: 1 }));
    await log.append(moved(now - 29 * DAY, { orderId: 2 }));
    expect((await log.list()).map((e) => e.orderId)).toEqual([2]);
    now += 2 * DAY;
    await log.append(moved(now, { orderId: 3 }));
    expect((await log.list()).map((e) => e.orderId)).toEqual([3]);
  });

  it('cuts very long names so one entry cannot bloat the log', async () => {
    const log = makeLog();
    const entry = await log.append(moved(1, { dealName: 'x'.repeat(5000) }));
    expect(entry.dealName!.length).toBe(500);
    expect(entry.dealName!.endsWith('…')).toBe(true);
  });

  it('skips a damaged row instead of failing the whole list', async () => {
    const name = `activity-test-${++dbCounter}`;
    const log = new ActivityLog({ dbName: name, now: () => 10_000 });
    logs.push(log);
    await log.append(moved(2000, { orderId: 1 }));
    await log.close();
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = raw.transaction('entries', 'readwrite');
      tx.objectStore('entries').put({ id: 'broken', at: 3000, kind: 'nonsense' });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    raw.close();
    const entries = await log.list();
    expect(entries.map((e) => e.orderId)).toEqual([1]);
  });

  it('returns an empty page for limit 0 and for an empty log', async () => {
    const log = makeLog();
    expect(await log.list({ limit: 0 })).toEqual([]);
    expect(await log.list()).toEqual([]);
  });
});
