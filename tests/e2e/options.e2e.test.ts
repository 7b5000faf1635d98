import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startSimulator, type Sim } from '../../sim/server';
import { launchExtension, type Harness } from './harness';

/**
 * The options page in Chromium against the simulated Webasyst: build a mapping in the
 * editor, preview it (a read-only dry run), save it, export it, and import the export into
 * a fresh profile to get the same settings.
 *
 * Demo data: deal 4 ("Chen startup onboarding kit", Sales, stage 4 "Proposal Making") is
 * linked to order 4, which ran process → pay → ship. Deal 6 (stage 3) is linked to order 1,
 * which ran comment → process. Sales stages: 1 Lead In … 5 Conditions Approval.
 */

let sim: Sim;
let first: Harness;
let second: Harness | null = null;
let page: Page;

const hook = (name: string) => `[data-dealbridge="${name}"]`;
const row = (funnelId: number, actionId: string) =>
  `[data-dealbridge="mapping-funnel"][data-funnel-id="${funnelId}"] tr[data-action-id="${actionId}"]`;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  first = await launchExtension(sim);
  page = await first.extensionPage('options');
  await page.waitForSelector(row(1, 'pay'), { timeout: 20_000 });
});

afterAll(async () => {
  await second?.close();
  await first?.close();
  await sim?.close();
});

async function setValue(target: Page, selector: string, value: string): Promise<void> {
  // Sets a textarea as typing would (an input event), without typing kilobytes key by key.
  await target.$eval(
    selector,
    (el, text) => {
      const area = el as HTMLTextAreaElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setter.call(area, text);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    },
    value,
  );
}

const text = (target: Page, selector: string) => target.$eval(selector, (el) => el.textContent ?? '');

describe('options page', () => {
  it('opens in a tab with the live funnels and workflow, archived funnels marked', async () => {
    const funnels = await page.$$eval(hook('mapping-funnel'), (els) =>
      els.map((el) => el.querySelector('legend')!.textContent!.trim()),
    );
    expect(funnels).toEqual(['Sales', 'Wholesale B2B', 'Trade show 2025 (archived)']);
    const actions = await page.$$eval(`${hook('mapping-funnel')}[data-funnel-id="1"] tr[data-action-id]`, (rows) =>
      rows.map((r) => r.getAttribute('data-action-id')),
    );
    expect(actions).toContain('pay');
    // Webasyst's own exclusions.
    for (const excluded of ['create', 'edit', 'editcode', 'callback', 'settle'])
      expect(actions).not.toContain(excluded);
    expect(await text(page, hook('save-state'))).toBe('All changes saved');
  });

  it('builds a mapping with the keyboard-reachable controls and shows checks inline', async () => {
    await page.select(`${row(1, 'process')} ${hook('mapping-target')}`, 'stage:2');
    await page.select(`${row(1, 'pay')} ${hook('mapping-target')}`, 'stage:3');
    await page.select(`${row(1, 'ship')} ${hook('mapping-target')}`, 'stage:5');
    await page.select(`${row(1, 'fulfilling')} ${hook('mapping-target')}`, 'stage:5');
    await page.select(`${row(1, 'fulfilling')} ${hook('mapping-direction')}`, 'order_to_deal');
    await page.click(`${row(1, 'ship')} ${hook('mapping-backward')}`);
    expect(await text(page, hook('save-state'))).toBe('Unsaved changes');
    expect(await page.$eval(hook('settings-save'), (b) => (b as HTMLButtonElement).disabled)).toBe(false);
    // fulfilling (order → deal only) reaches stage 5, which asks deal → order for "Sent": a chain.
    const checks = await text(page, `${hook('mapping-funnel')}[data-funnel-id="1"] ${hook('settings-checks')}`);
    expect(checks).toContain('Start fulfillment → stage “Conditions Approval” → Sent');
  });

  it('previews the unsaved rules against the live installation without writing anything', async () => {
    const before = sim.log.entries().length;
    await page.click(hook('preview-run'));
    await page.waitForSelector(`${hook('preview-results')}, ${hook('preview-empty')}`, { timeout: 30_000 });
    const changes = await page.$$eval(hook('preview-change'), (rows) =>
      rows.map((r) => ({
        order: r.getAttribute('data-order-id'),
        deal: r.getAttribute('data-deal-id'),
        text: r.textContent,
      })),
    );
    // Order 4 ran "Sent" → stage 5 is forward of deal 4's stage 4. Order 1's "Process" → stage 2 is behind deal 6.
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ order: '4', deal: '4' });
    expect(changes[0].text).toContain('Move deal to “Conditions Approval”');
    expect(changes[0].text).toContain('“Sent”');
    const during = sim.log.entries().slice(before);
    expect(during.filter((e) => e.effects.length > 0)).toEqual([]);
    expect(sim.state.getDeal(4)!.stageId).toBe(4);
  });

  it('saves, and the background serves the saved settings at once', async () => {
    await page.click(hook('settings-save'));
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent === 'All changes saved',
      {},
      hook('save-state'),
    );
    const saved = await first.send<{
      mappings: Array<{
        funnelId: number;
        rules: Array<{ actionId: string; target: unknown; direction: string; allowBackward: boolean }>;
      }>;
    }>('settings.get');
    expect(saved.mappings).toEqual([
      {
        funnelId: 1,
        rules: [
          {
            actionId: 'process',
            target: { kind: 'stage', stageId: 2 },
            direction: 'both',
            allowBackward: false,
            formChoice: 'run',
          },
          {
            actionId: 'pay',
            target: { kind: 'stage', stageId: 3 },
            direction: 'both',
            allowBackward: false,
            formChoice: 'run',
          },
          {
            actionId: 'fulfilling',
            target: { kind: 'stage', stageId: 5 },
            direction: 'order_to_deal',
            allowBackward: false,
            formChoice: 'run',
          },
          {
            actionId: 'ship',
            target: { kind: 'stage', stageId: 5 },
            direction: 'both',
            allowBackward: true,
            formChoice: 'run',
          },
        ],
      },
    ]);
  });

  it('refuses a bad import, naming the first bad field, and changes nothing', async () => {
    await setValue(page, hook('settings-import'), JSON.stringify({ version: 1, sync: { periodMinutes: 'often' } }));
    await page.click(hook('settings-import-submit'));
    await page.waitForFunction(
      (sel) => (document.querySelector(sel)?.textContent ?? '').includes('sync.periodMinutes'),
      {},
      hook('settings-import-notice'),
    );
    expect(await text(page, hook('save-state'))).toBe('All changes saved');
  });

  it('exports the settings and imports them into a fresh profile unchanged', async () => {
    await page.click(hook('settings-export'));
    await page.waitForSelector(hook('settings-export-text'));
    const exported = await page.$eval(hook('settings-export-text'), (el) => (el as HTMLTextAreaElement).value);
    const savedFirst = await first.send('settings.get');
    expect(JSON.parse(exported)).toEqual(savedFirst);
    expect(exported).not.toContain(sim.token);

    second = await launchExtension(sim);
    const fresh = await second.extensionPage('options');
    await fresh.waitForSelector(row(1, 'pay'), { timeout: 20_000 });
    expect(await second.send('settings.get')).not.toEqual(savedFirst);
    await setValue(fresh, hook('settings-import'), exported);
    await fresh.click(hook('settings-import-submit'));
    await fresh.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent === 'Unsaved changes',
      {},
      hook('save-state'),
    );
    expect(
      await fresh.$eval(`${row(1, 'ship')} ${hook('mapping-target')}`, (el) => (el as HTMLSelectElement).value),
    ).toBe('stage:5');
    await fresh.click(hook('settings-save'));
    await fresh.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent === 'All changes saved',
      {},
      hook('save-state'),
    );
    expect(await second.send('settings.get')).toEqual(savedFirst);
  });

  it('before connecting: shows the connection section and asks to connect; connecting fills the mapping without a reload', async () => {
    const third = await launchExtension(sim, { connect: false });
    try {
      const options = await third.extensionPage('options');
      await options.waitForSelector(`${hook('catalog-status')}[data-state="not_connected"]`, { timeout: 20_000 });
      expect(await options.$(hook('connection'))).not.toBeNull();
      expect(await options.$(hook('mapping-editor'))).toBeNull();
      await third.send('connection.useToken', { url: sim.url, token: sim.token });
      await options.waitForSelector(row(1, 'pay'), { timeout: 20_000 });
    } finally {
      await third.close();
    }
  });
});
