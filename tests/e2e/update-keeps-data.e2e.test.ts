import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../sim/server';
import { EXTENSION_PATH, launchExtension, sendFromExtensionPage, type Harness } from './harness';
import { migrate } from '../../utils/settings/migrations';
import { settingsSchema, SETTINGS_VERSION } from '../../utils/settings/schema';

/**
 * An update in a real browser. Chromium keeps an extension's storage by its id, and an unpacked
 * extension's id is its directory: the directory first holds a stand-in for the previous
 * release (its version, and a worker that does nothing, so that nothing of the current code
 * touches the data), whose storage receives that release's data as its fixture has it
 * (tests/fixtures/stored-data/0.1.0.json, at 0.1.0's database versions). Then the directory's
 * files are replaced by the current build and the browser installs the extension again from
 * it, which for an installed id is an update: the current worker upgrades the databases and
 * serves everything that was there. (tests/unit/storage/upgrade.test.ts checks every record and the schema in detail.)
 */

interface StoreFixture {
  name: string;
  keyPath: string | string[] | null;
  indexes: Array<{ name: string; keyPath: string | string[] }>;
  records?: unknown[];
  entries?: Array<[IDBValidKey, unknown]>;
}
interface DatabaseFixture {
  name: string;
  version: number;
  stores: StoreFixture[];
}
interface StoredData {
  version: string;
  storageLocal: Record<string, Record<string, unknown> & { sync?: Record<string, unknown> }>;
  indexedDB: DatabaseFixture[];
}

const FIXTURE = resolve(import.meta.dirname, '../fixtures/stored-data/0.1.0.json');
const CURRENT_VERSION: string = JSON.parse(readFileSync(join(EXTENSION_PATH, 'manifest.json'), 'utf8')).version;

let sim: Sim;
let h: Harness | null = null;
let dir: string;
let fixture: StoredData;
let send: <T>(type: string, payload: unknown) => Promise<T>;
let updatedId: string;

/** The fixture pointed at the simulator, with the sync paused so that what is read is what was stored. */
function forThisSimulator(raw: string): StoredData {
  const data = JSON.parse(raw.replaceAll('https://shop.example.com/', sim.url)) as StoredData;
  const settings = data.storageLocal['dealbridge.settings'];
  settings.sync = { ...settings.sync, paused: true };
  for (const database of data.indexedDB) {
    for (const store of database.stores) {
      for (const entry of store.entries ?? []) {
        const value = entry[1] as Record<string, unknown>;
        if (entry[0] === 'current') value.token = sim.token;
        if (entry[0] === 'state') value.paused = true;
      }
    }
  }
  return data;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  fixture = forThisSimulator(readFileSync(FIXTURE, 'utf8'));
  dir = mkdtempSync(join(tmpdir(), 'dealbridge-update-ext-'));

  // The previous release, as far as its storage is concerned.
  cpSync(EXTENSION_PATH, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.version = fixture.version;
  manifest.background = { service_worker: 'previous-background.js' };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(
    join(dir, 'previous-background.js'),
    '// Stands in for the previous release: it keeps its data and does nothing.\n',
  );
  writeFileSync(join(dir, 'blank.html'), '<!doctype html><title>previous release</title>');

  h = await launchExtension(sim, { extensionPath: dir, connect: false, login: false });
  const previous = await h.newPage();
  await previous.goto(`chrome-extension://${h.extensionId}/blank.html`);
  await previous.evaluate(async (data: StoredData) => {
    type Chrome = {
      storage: { local: { set(items: object): Promise<void> } };
      runtime: { getManifest(): { version: string } };
    };
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    if (chrome.runtime.getManifest().version !== data.version) throw new Error('not the previous release');
    await chrome.storage.local.set(data.storageLocal);
    for (const database of data.indexedDB) {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
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
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
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
  }, fixture);

  // The update: the same directory (so the same extension id) now holds the current build,
  // and the browser loads it again from there.
  rmSync(dir, { recursive: true, force: true });
  cpSync(EXTENSION_PATH, dir, { recursive: true });
  updatedId = await h.browser.installExtension(dir);
  const page = await h.extensionPage('popup');
  send = (type, payload) => sendFromExtensionPage(page, type, payload);
});

afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
  await sim?.close();
});

describe(`an update from 0.1.0 to ${CURRENT_VERSION} in Chromium`, () => {
  it('keeps the settings and the connection', async () => {
    const settings = await send<Record<string, unknown>>('settings.get', {});
    // 0.1.0 stored settings format 1: they come back lifted to the current format by its migrations.
    expect(settings).toMatchObject({
      ...(settingsSchema.parse(migrate(fixture.storageLocal['dealbridge.settings'])) as Record<string, unknown>),
    });
    expect(settings.version).toBe(SETTINGS_VERSION);
    const connection = await send<{ userName: string; baseUrl: string; installationName: string }>(
      'connection.get',
      {},
    );
    expect(connection).toMatchObject({ userName: 'Anna Petrova', baseUrl: sim.url, installationName: 'Example Store' });
  });

  it('keeps the outbox with its problem, and the activity log', async () => {
    type Status = {
      status: { pendingCount: number; problemCount: number; paused: boolean };
      problems: Array<{ id: string; orderNumber: string | null }>;
      pending: Array<{ id: string }>;
      activity: Array<{ id: string }>;
    };
    const status = await send<Status>('status.get', { activityLimit: 100 });
    expect(status.status).toMatchObject({ pendingCount: 2, problemCount: 1, paused: true });
    expect(status.problems.map((p) => [p.id, p.orderNumber])).toEqual([['order:3', '#1003']]);
    expect(status.pending.map((p) => p.id).sort()).toEqual(['create:16', 'deal:8']);
    const entries = fixture.indexedDB.find((d) => d.name === 'dealbridge-activity')!.stores[0].records as Array<{
      id: string;
      at: number;
    }>;
    expect(status.activity.map((a) => a.id)).toEqual([...entries].sort((a, b) => b.at - a.at).map((e) => e.id));
  });

  it('is the new version, and its reads upgraded the sync database to the current schema', async () => {
    const worker = await h!.worker();
    const seen = await worker.evaluate(async () => {
      type Chrome = { runtime: { getManifest(): { version: string } } };
      return {
        version: (globalThis as unknown as { chrome: Chrome }).chrome.runtime.getManifest().version,
        databases: (await indexedDB.databases()).map((d) => `${d.name}@${d.version}`).sort(),
      };
    });
    expect(updatedId).toBe(h!.extensionId);
    expect(seen.version).toBe(CURRENT_VERSION);
    const recorded = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../fixtures/stored-data/current-schema.json'), 'utf8'),
    );
    expect(seen.databases).toContain(`dealbridge-sync@${recorded['dealbridge-sync'].version}`);
  });
});
