import { backfillStore } from '../../../utils/db/backfill';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ActivityLog } from '@/utils/activity/log';
import { readConnection, resetConnectionDbForTests } from '@/utils/connection/store';
import { closeSyncDb } from '@/utils/db/database';
import { liveEchoes } from '@/utils/db/echoes';
import { dueInbox } from '@/utils/db/inbox';
import { linkStore } from '@/utils/db/links';
import { getMeta } from '@/utils/db/meta';
import { allOutbox, countOutbox, outboxForDeal, outboxOverview } from '@/utils/db/outbox';
import { SETTINGS_VERSION, settingsSchema } from '@/utils/settings/schema';
import { loadSettingsWithProblem, SETTINGS_STORAGE_KEY } from '@/utils/settings/store';
import { storageSeenStore } from '@/utils/notify/problems';

/**
 * Updates keep data: a browser that ran an earlier release has its settings in storage.local
 * and its links cache, inbox, outbox, echoes, cursors, activity log and connection in
 * IndexedDB, at that release's schema versions. Each released version has a fixture of such a
 * browser (tests/fixtures/stored-data/<version>.json). Here it is installed as that version
 * left it, and the current code starts on it: everything must still be there and readable,
 * and the upgraded databases must be exactly what a new install creates.
 */

interface StoreFixture {
  name: string;
  keyPath: string | string[] | null;
  indexes: Array<{ name: string; keyPath: string | string[] }>;
  records?: Record<string, unknown>[];
  entries?: Array<[IDBValidKey, unknown]>;
}
interface DatabaseFixture {
  name: string;
  version: number;
  stores: StoreFixture[];
}
interface StoredData {
  version: string;
  savedAt: number;
  settingsVersion: number;
  storageLocal: Record<string, unknown>;
  indexedDB: DatabaseFixture[];
}

const ROOT = resolve(import.meta.dirname, '../../..');
const FIXTURES = resolve(ROOT, 'tests/fixtures/stored-data');
const fixtures: StoredData[] = readdirSync(FIXTURES)
  .filter((file) => /^\d+\.\d+\.\d+\.json$/.test(file))
  .map((file) => JSON.parse(readFileSync(resolve(FIXTURES, file), 'utf8')) as StoredData);

/** Every database the current code opens, and how to make it open them. */
const DATABASES = ['dealbridge-sync', 'dealbridge-activity', 'dealbridge-connection'];
async function openAllWithCurrentCode(): Promise<void> {
  await linkStore.all();
  await new ActivityLog().count();
  await readConnection();
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Creates a database exactly as the fixture's release had it, with its records. */
async function install(database: DatabaseFixture): Promise<void> {
  const open = indexedDB.open(database.name, database.version);
  open.onupgradeneeded = () => {
    for (const store of database.stores) {
      const created = open.result.createObjectStore(
        store.name,
        store.keyPath === null ? {} : { keyPath: store.keyPath },
      );
      for (const index of store.indexes) created.createIndex(index.name, index.keyPath);
    }
  };
  const db = await request(open);
  const tx = db.transaction(
    database.stores.map((s) => s.name),
    'readwrite',
  );
  for (const store of database.stores) {
    for (const record of store.records ?? []) tx.objectStore(store.name).put(record);
    for (const [key, value] of store.entries ?? []) tx.objectStore(store.name).put(value, key);
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

/** A database's schema: version, stores, key paths and indexes. */
async function describeSchema(name: string) {
  const db = await request(indexedDB.open(name));
  const stores: Record<string, unknown> = {};
  for (const storeName of [...db.objectStoreNames].sort()) {
    const store = db.transaction(storeName).objectStore(storeName);
    const indexes: Record<string, unknown> = {};
    for (const indexName of [...store.indexNames].sort()) {
      const index = store.index(indexName);
      indexes[indexName] = { keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
    }
    stores[storeName] = { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
  }
  const version = db.version;
  db.close();
  return { version, stores };
}

async function freshStart(): Promise<void> {
  await closeSyncDb();
  resetConnectionDbForTests();
  // A new, empty IndexedDB: connections the previous phase left open belong to the old one.
  globalThis.indexedDB = new IDBFactory();
}

beforeEach(freshStart);
afterEach(freshStart);

describe('stored data fixtures', () => {
  it('there is one for every released version before this one (CHANGELOG.md)', () => {
    const current = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).version as string;
    const released = [...readFileSync(resolve(ROOT, 'CHANGELOG.md'), 'utf8').matchAll(/^## (\d+\.\d+\.\d+)\s*$/gm)]
      .map((m) => m[1])
      .filter((version) => version !== current);
    expect(released).toContain('0.1.0');
    expect(fixtures.map((f) => f.version).sort()).toEqual(expect.arrayContaining(released));
  });

  it('the current schema is the one recorded for this version: a change needs a version bump, an upgrade step and this record updated', async () => {
    await openAllWithCurrentCode();
    const schema: Record<string, unknown> = { settingsVersion: SETTINGS_VERSION };
    for (const name of DATABASES) schema[name] = await describeSchema(name);
    const recorded = JSON.parse(readFileSync(resolve(FIXTURES, 'current-schema.json'), 'utf8'));
    expect(
      schema,
      'The stored data format changed. Bump the database version (or SETTINGS_VERSION) with an upgrade step (or a migration), ' +
        'keep a fixture of the last release’s data in tests/fixtures/stored-data/, and record the new schema in current-schema.json.',
    ).toEqual(recorded);
  });
});

for (const fixture of fixtures) {
  describe(`an update from ${fixture.version}`, () => {
    beforeEach(async () => {
      await fakeBrowser.storage.local.set(fixture.storageLocal);
      for (const database of fixture.indexedDB) await install(database);
    });

    const db = (name: string) => fixture.indexedDB.find((d) => d.name === name)!;
    const store = (dbName: string, name: string) => db(dbName).stores.find((s) => s.name === name)!;

    it('keeps the settings, read through the current migrations and schema', async () => {
      expect(fixture.settingsVersion).toBeLessThanOrEqual(SETTINGS_VERSION);
      const { settings, problem } = await loadSettingsWithProblem();
      expect(problem).toBeNull();
      const stored = fixture.storageLocal[SETTINGS_STORAGE_KEY] as Record<string, unknown>;
      // Everything the old version set is still set (a migration may only add to it).
      expect(settings).toMatchObject({ ...stored, version: SETTINGS_VERSION });
      expect(settingsSchema.safeParse(settings).success).toBe(true);
      expect(await storageSeenStore(fakeBrowser.storage.local).load()).toEqual(
        fixture.storageLocal['dealbridge.notified'],
      );
    });

    it('keeps the links cache, the inbox, the outbox with its problems, the echoes and the cursors', async () => {
      const links = store('dealbridge-sync', 'links').records!;
      expect(await linkStore.all()).toEqual(links);
      expect(await linkStore.byDeal(7)).toEqual(links.find((l) => l.dealId === 7));

      const outbox = store('dealbridge-sync', 'outbox').records!;
      const byId = (a: { id: unknown }, b: { id: unknown }) => String(a.id).localeCompare(String(b.id));
      expect([...(await allOutbox())].sort(byId)).toEqual([...outbox].sort(byId as never));
      expect(await countOutbox()).toEqual({
        pending: outbox.filter((r) => r.status === 'pending').length,
        problems: outbox.filter((r) => r.status === 'problem').length,
      });
      // The popup's overview reads through an index a later version added: the upgrade built it.
      const overview = await outboxOverview(10);
      expect(overview.pending.map((r) => r.id)).toEqual(
        outbox
          .filter((r) => r.status === 'pending')
          .sort((a, b) => Number(a.createdAt) - Number(b.createdAt))
          .map((r) => r.id),
      );
      expect(overview.problems.map((r) => r.id)).toEqual(outbox.filter((r) => r.status === 'problem').map((r) => r.id));
      expect((await outboxForDeal(7)).map((r) => r.id)).toEqual(['order:3']);

      const inbox = store('dealbridge-sync', 'inbox').records!;
      expect(await dueInbox(Number.MAX_SAFE_INTEGER, 100)).toEqual(
        [...inbox].sort((a, b) => Number(a.dueAt) - Number(b.dueAt)),
      );
      expect(await liveEchoes(fixture.savedAt)).toHaveLength(store('dealbridge-sync', 'echoes').records!.length);
      for (const [key, value] of store('dealbridge-sync', 'meta').entries!) {
        expect(await getMeta(key as never), String(key)).toEqual(value);
      }
    });

    it('adds the backfill store, empty: no run yet, and a run can start and be read back', async () => {
      expect(await backfillStore.getRun()).toBeNull();
      const run = {
        id: 'r1',
        status: 'running' as const,
        filters: { states: [], from: null, to: null, storefronts: [] },
        total: 2,
        cursor: 0,
        counts: { done: 0, linked: 0, created: 0, skipped: 0, problems: 0 },
        startedAt: 1,
        updatedAt: 1,
        finishedAt: null,
        inFlight: null,
        activeMs: 0,
        lastError: null,
      };
      await backfillStore.startRun(run);
      expect(await backfillStore.getRun()).toEqual(run);
      expect(await backfillStore.results(0, 10)).toEqual([]);
    });

    it('keeps the activity log in time order, and the connection with its token', async () => {
      const entries = store('dealbridge-activity', 'entries').records!;
      const log = new ActivityLog({ now: () => fixture.savedAt });
      expect(await log.list({ limit: 100 })).toEqual([...entries].sort((a, b) => Number(b.at) - Number(a.at)));
      // And it goes on: a new entry lands on top of the old ones.
      await log.append({ kind: 'deal_moved', outcome: 'applied', orderId: 1, dealId: 6 });
      expect(await log.count()).toBe(entries.length + 1);
      await log.close();

      const [, connection] = store('dealbridge-connection', 'connection').entries![0];
      expect(await readConnection()).toEqual(connection);
    });

    it('upgrades every database to exactly what a new install creates', async () => {
      await openAllWithCurrentCode();
      const upgraded: Record<string, unknown> = {};
      for (const name of DATABASES) upgraded[name] = await describeSchema(name);

      await freshStart();
      await openAllWithCurrentCode();
      for (const name of DATABASES) expect(upgraded[name], name).toEqual(await describeSchema(name));
    });
  });
}
