import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';
import { until as pollUntil } from './until';

/** The engine works on its own clock: wait longer and poll less often than page tests. */
const until = <T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000) =>
  pollUntil(what, probe, timeoutMs, 250);

/**
 * The popup and the badge against the simulated Webasyst, with the real sync engine:
 * a refused write becomes a problem in the popup and "!" on the badge; retry clears it
 * once the fault is gone; pause stops the sync and resume restarts it.
 *
 * Demo data: order 1 (processing) is linked to deal 6 (funnel Sales, stage 3 "Working
 * with objections"). The rules "pay → stage 4 (Proposal Making)" and "ship → stage 5
 * (Conditions Approval)" move the deal forward.
 */

const ORDER = 1;
const DEAL = 6;
const ADMIN = 1;
const PROPOSAL_STAGE = 4;
const CONDITIONS_STAGE = 5;

let sim: Sim;
let h: Harness;
let popup: Page;

interface StatusReply {
  status: { lastSyncAt: number | null; paused: boolean; problemCount: number; pendingCount: number; syncing: boolean };
  problems: Array<{ id: string; dealId: number | null }>;
}

async function status(): Promise<StatusReply> {
  return h.send<StatusReply>('status.get', { activityLimit: 0 });
}

interface ActionReads {
  getBadgeText(details: object): Promise<string>;
  getTitle(details: object): Promise<string>;
  getBadgeBackgroundColor(details: object): Promise<number[]>;
}

async function badge(): Promise<{ text: string; title: string; color: number[] }> {
  const worker = await h.worker();
  return worker.evaluate(async () => {
    // Runs in the service worker, where `chrome` is a global (no types for it in node tests).
    const action = (globalThis as unknown as { chrome: { action: ActionReads } }).chrome.action;
    return {
      text: await action.getBadgeText({}),
      title: await action.getTitle({}),
      color: await action.getBadgeBackgroundColor({}),
    };
  });
}

/** The two sync buttons as the popup shows them: which one leads (the blue one) and which can be pressed. */
function buttons() {
  return popup.evaluate(() => {
    const get = (hook: string) => document.querySelector<HTMLButtonElement>(`[data-dealbridge="${hook}"]`)!;
    const syncNow = get('sync-now');
    const pause = get('pause');
    return {
      syncNow: { primary: syncNow.classList.contains('db-button--primary'), disabled: syncNow.disabled },
      pause: {
        primary: pause.classList.contains('db-button--primary'),
        disabled: pause.disabled,
        text: pause.textContent,
      },
    };
  });
}

function dealMoves(): string[] {
  return sim.log.effects().filter((effect) => effect.startsWith(`deal_move:${DEAL}:`));
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  h = await launchExtension(sim);
  await h.updateSettings({
    mappings: [
      {
        funnelId: 1,
        rules: [
          {
            actionId: 'pay',
            target: { kind: 'stage', stageId: PROPOSAL_STAGE },
            direction: 'order_to_deal',
            allowBackward: false,
          },
          {
            actionId: 'ship',
            target: { kind: 'stage', stageId: CONDITIONS_STAGE },
            direction: 'order_to_deal',
            allowBackward: false,
          },
        ],
      },
    ],
  });
  // The first cycle sets the observers' cursors; what happens after it is news.
  await h.send('sync.now', {});
  await until('a first sync', async () => (await status()).status.lastSyncAt);
  popup = await h.extensionPage('popup');
  await popup.waitForSelector('[data-dealbridge="sync"]');
});

afterAll(async () => {
  await h?.close();
  await sim?.close();
});

describe('popup and badge', () => {
  it('shows a refused write as a problem in the popup and "!" on the badge, and retry clears it', async () => {
    const fault = sim.faults.add({ match: { apiMethod: 'crm.deal.move' }, kind: 'status5xx', status: 403 });
    sim.state.runOrderAction(ORDER, 'pay', ADMIN);
    await popup.click('[data-dealbridge="sync-now"]');

    const problem = await popup.waitForSelector('[data-dealbridge="problems"] [data-dealbridge="problem"]', {
      timeout: 30_000,
    });
    expect(await problem!.evaluate((el) => el.textContent)).toContain('Order #1001');
    // The status line agrees with the problem below it: never "All in step" here.
    await popup.waitForFunction(
      () =>
        document.querySelector('[data-dealbridge="pending"]')?.textContent === 'Nothing waiting · 1 problem needs you',
      { timeout: 10_000 },
    );
    await until('the amber badge', async () => (await badge()).text === '!');
    const shown = await badge();
    expect(shown.color.slice(0, 3)).toEqual([0xd9, 0x77, 0x06]);
    expect(shown.title).toMatch(/1 problem needs you/);
    expect(dealMoves()).toEqual([]);

    sim.faults.remove(fault);
    await popup.click('[data-dealbridge="problem"] [data-dealbridge="retry"]');
    await popup.waitForFunction(() => !document.querySelector('[data-dealbridge="problems"]'), { timeout: 30_000 });
    await until('the deal to move', async () => dealMoves().length === 1);
    expect(sim.state.getDeal(DEAL)?.stageId).toBe(PROPOSAL_STAGE);
    await until('a clear badge', async () => (await badge()).text === '');
    await popup.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-dealbridge="activity-entry"]')].some(
          (el) => el.getAttribute('data-kind') === 'deal_moved',
        ),
      { timeout: 10_000 },
    );
  });

  it('pause stops the sync and resume restarts it', async () => {
    await popup.click('[data-dealbridge="pause"]');
    await popup.waitForSelector('[data-dealbridge="sync"][data-paused="true"]');
    expect((await status()).status.paused).toBe(true);
    // Paused, a sync would not run: Resume leads, "Sync now" waits for it.
    expect(await buttons()).toEqual({
      syncNow: { primary: false, disabled: true },
      pause: { primary: true, disabled: false, text: 'Resume' },
    });
    const requestsBefore = sim.log.entries().length;

    sim.state.runOrderAction(ORDER, 'ship', ADMIN);
    await h.send('sync.now', {});
    // Give a (wrongly) running engine every chance to act: several of its test-mode cycles.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const apiCalls = sim.log
      .entries()
      .slice(requestsBefore)
      .filter((entry) => entry.apiMethod !== null && entry.userAgentIsExtension);
    expect(apiCalls).toEqual([]);

    expect(dealMoves()).toHaveLength(1);

    await popup.click('[data-dealbridge="pause"]');
    await popup.waitForSelector('[data-dealbridge="sync"][data-paused="false"]');
    expect(await buttons()).toEqual({
      syncNow: { primary: true, disabled: false },
      pause: { primary: false, disabled: false, text: 'Pause' },
    });
    await popup.click('[data-dealbridge="sync-now"]');
    await until('the deal to follow the shipped order', async () => dealMoves().length === 2);
    expect(sim.state.getDeal(DEAL)?.stageId).toBe(CONDITIONS_STAGE);
  });

  it('opens with 1,000 entries in the log: the newest 50, then "show more"', async () => {
    // Written straight into the log's database (same extension origin), as a long-used install would have it.
    await popup.evaluate(async () => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open('dealbridge-activity', 1);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction('entries', 'readwrite');
      const now = Date.now();
      for (let i = 0; i < 1000; i++) {
        tx.objectStore('entries').put({
          id: `bulk-${String(i).padStart(5, '0')}`,
          at: now - 86_400_000 + i * 1000,
          kind: 'deal_moved',
          outcome: 'applied',
          orderId: 2,
          orderNumber: `#${5000 + i}`,
          dealId: 1,
          dealName: 'Office chairs for Smith & Co',
          from: null,
          to: 'Needs Defining',
          rule: 'pay → Needs Defining',
          funnelName: 'Sales',
          trigger: `Order #${5000 + i}: Paid`,
        });
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    });
    const fresh = await h.extensionPage('popup');
    await fresh.waitForSelector('[data-dealbridge="activity-entry"]');
    const texts = () =>
      fresh.$$eval('[data-dealbridge="activity-entry"]', (entries) => entries.map((entry) => entry.textContent ?? ''));
    const first = await texts();
    expect(first).toHaveLength(50);
    // The engine's own entries from the tests above are the newest; the bulk follows in time order.
    const bulk = first.filter((text) => text.includes('Order #5'));
    expect(bulk[0]).toContain('Order #5999: Paid');
    await fresh.click('[data-dealbridge="show-more"]');
    await fresh.waitForFunction(() => document.querySelectorAll('[data-dealbridge="activity-entry"]').length === 100);
    const next = await texts();
    expect(new Set(next).size).toBe(100);
    const link = await fresh.$eval('[data-dealbridge="activity-entry"] a[href*="/crm/deal/"]', (a) =>
      a.getAttribute('href'),
    );
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webasyst\/crm\/deal\/\d+\/$/);
    await fresh.close();
  });

  it('turns the badge red while Webasyst refuses the token, and clears it when it accepts it again', async () => {
    const fault = sim.faults.add({ match: { path: '/api.php' }, kind: 'unauthorized' });
    await popup.click('[data-dealbridge="sync-now"]');
    await until('the red badge', async () => (await badge()).text === '!');
    const shown = await badge();
    expect(shown.color.slice(0, 3)).toEqual([0xdc, 0x26, 0x26]);
    expect(shown.title).toMatch(/refused/);
    await popup.waitForSelector('[data-dealbridge="connection"][data-health="auth_error"]', { timeout: 10_000 });
    // Its own way out: "Connect again" opens the options, where connecting happens.
    const again = await popup.waitForSelector('[data-dealbridge="connection"] button[data-dealbridge="connect-again"]');
    expect(await again!.evaluate((el) => el.textContent)).toBe('Connect again');
    await again!.click();
    const options = await h.browser.waitForTarget(
      (target) => target.url() === `chrome-extension://${h.extensionId}/options.html`,
      { timeout: 10_000 },
    );
    await (await options.page())?.close();

    sim.faults.remove(fault);
    await popup.click('[data-dealbridge="sync-now"]');
    await until('a clear badge', async () => (await badge()).text === '');
    await popup.waitForSelector('[data-dealbridge="connection"][data-health="ok"]', { timeout: 10_000 });
  });
});
