/**
 * The simulator's backend pages in Chromium, with their own scripts: the DOM contract with the
 * real pages (selector counts and traps on the JS-built DOM) and the navigation behaviour
 * navigation.json describes (block replaced on hash change, the re-render gap after an action,
 * SPA nodes kept/replaced, history entries, spa:navigateType), plus the built-in create-deal
 * dialog and a stage move from the deal header. No extension is loaded here.
 */
import { Window } from 'happy-dom';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../scripts/browser-path';
import { startSimulator, type Sim } from '../../sim/server';
import {
  CONTRACT_CASES,
  countAll,
  expectedCounts,
  readRealDom,
  TRAPS,
  type ContractCase,
} from '../sim-dom/contract-cases';
import { CHROMIUM_ARGS, loginToBackend } from './harness';

function parse(html: string): Document {
  const window = new Window({
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

let sim: Sim;
let browser: Browser;

async function open(path: string, ui: '2.0' | '1.3' = '2.0'): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  await page.setCookie({ name: 'force_set_wa_backend_ui_version', value: ui, url: sim.url });
  await page.goto(new URL(path, sim.url).toString(), { waitUntil: 'networkidle0' });
  return page;
}

async function settled(page: Page, c: ContractCase): Promise<void> {
  if (c.kind === 'order' || c.kind === 'split') await page.waitForSelector('#s-order-block #s-order-title');
  if (c.kind === 'deal') await page.waitForSelector('h1.deal-name');
  if (c.tab === 'order') await page.waitForSelector('.tab-content iframe');
  await page.waitForNetworkIdle({ idleTime: 150 });
}

beforeAll(async () => {
  const executablePath = findBrowser();
  if (!executablePath)
    throw new Error('No Chromium found: run `npm run ensure-browser` or set PUPPETEER_EXECUTABLE_PATH.');
  sim = await startSimulator({ seed: 'demo' });
  browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args: CHROMIUM_ARGS });
  await loginToBackend(await browser.newPage(), sim);
});
afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe('the JS-built pages keep the DOM contract', () => {
  for (const c of CONTRACT_CASES) {
    it(`${c.name}: selectors and traps`, async () => {
      const page = await open(c.path, c.ui);
      await settled(page, c);
      const simDoc = parse(await page.content());
      await page.close();
      const realDoc = parse(readRealDom(c.realFile));
      const real = countAll(realDoc, c.selectors);
      expect(countAll(simDoc, c.selectors)).toEqual(expectedCounts(realDoc, real, simDoc, c.selectors));
      const failures = TRAPS.filter((t) => t.applies(c))
        .map((t) => t.check(simDoc, c))
        .filter(Boolean);
      expect(failures).toEqual([]);
    });
  }
});

/** Records, after every mutation batch, whether a selector is present; and detach times. */
async function watch(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const w = window as unknown as { __watch: { missing: number[]; present: number[] } };
    w.__watch = { missing: [], present: [] };
    new MutationObserver(() => {
      (document.querySelector(sel) ? w.__watch.present : w.__watch.missing).push(performance.now());
    }).observe(document.documentElement, { childList: true, subtree: true });
  }, selector);
}

const watched = (page: Page) =>
  page.evaluate(() => (window as unknown as { __watch: { missing: number[]; present: number[] } }).__watch);

describe('Shop orders page navigation', () => {
  it('a hash change between orders replaces #s-order-block in one mutation batch', async () => {
    const page = await open('webasyst/shop/?action=orders#/order/1/');
    await page.waitForSelector('#s-order-block');
    await page.evaluate(() => {
      const w = window as unknown as Record<string, Element | null>;
      w.__content = document.querySelector('#s-content');
      w.__block = document.querySelector('#s-order-block');
      w.__title = document.querySelector('#s-order-title');
    });
    await watch(page, '#s-order-block');
    await page.evaluate(() => (location.hash = '#/order/3/'));
    await page.waitForFunction(() => document.querySelector('#s-order-title')?.textContent?.includes('#1003'));
    const result = await page.evaluate(() => {
      const w = window as unknown as Record<string, Element>;
      return {
        sameContent: w.__content === document.querySelector('#s-content'),
        oldBlockDetached: !w.__block.isConnected,
        oldTitleDetached: !w.__title.isConnected,
        split: !!document.querySelector('#s-order'),
      };
    });
    expect(result).toEqual({ sameContent: true, oldBlockDetached: true, oldTitleDetached: true, split: false });
    expect((await watched(page)).missing).toEqual([]);
    await page.close();
  });

  it('an action without a form re-renders the orders area: a gap without #s-order-block, then the split layout', async () => {
    const order = [...sim.state.orders.all()].find((o) => o.stateId === 'processing' && o.id !== 1)!;
    const page = await open(`webasyst/shop/?action=orders#/order/${order.id}/`);
    await page.waitForSelector('#s-order-block a.wf-action[data-action-id="complete"]');
    await page.evaluate(
      () => ((window as unknown as Record<string, Element | null>).__content = document.querySelector('#s-content')),
    );
    await watch(page, '#s-order-block');
    sim.log.clear();
    const clickedAt = await page.evaluate(() => {
      (document.querySelector('#s-order-block a.wf-action[data-action-id="complete"]') as HTMLElement).click();
      return performance.now();
    });
    await page.waitForSelector('#s-order #s-order-block [data-state-id="completed"]');
    const w = await watched(page);
    const gone = w.missing.find((t) => t > clickedAt)!;
    const back = w.present.find((t) => t > gone)!;
    expect(gone).toBeDefined();
    expect(back - gone).toBeGreaterThanOrEqual(60);
    expect(back - gone).toBeLessThan(1500);
    expect(
      await page.evaluate(() => ({
        hash: location.hash,
        sameContent: (window as unknown as Record<string, Element>).__content === document.querySelector('#s-content'),
        selected: document.querySelector('li.order.selected')?.getAttribute('data-order-id'),
      })),
    ).toEqual({ hash: `#/order/${order.id}/`, sameContent: true, selected: String(order.id) });
    expect(sim.state.getOrder(order.id)!.stateId).toBe('completed');
    expect(sim.log.effects().filter((e) => e === `order_action:${order.id}:complete`)).toHaveLength(1);
    await page.close();
  });

  it('"Add comment" opens its form in the timeline without replacing nodes; saving re-renders', async () => {
    const page = await open('webasyst/shop/?action=orders#/order/3/', '1.3');
    await page.waitForSelector('#s-order-block a.wf-action[data-action-id="comment"]');
    await page.evaluate(
      () => ((window as unknown as Record<string, Element | null>).__block = document.querySelector('#s-order-block')),
    );
    await page.click('a.wf-action[data-action-id="comment"]');
    await page.waitForSelector('.s-order-timeline .workflow-content form textarea[name="text"]');
    expect(await page.evaluate(() => (window as unknown as Record<string, Element>).__block.isConnected)).toBe(true);
    expect(await page.$eval('#workflow-content', (el) => el.children.length)).toBe(0);
    await page.type('.s-order-timeline textarea[name="text"]', 'Call before delivery');
    await page.click('.s-order-timeline input[type="submit"]');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.s-order-timeline-message')].some((p) => p.textContent === 'Call before delivery'),
    );
    expect(await page.evaluate(() => (window as unknown as Record<string, Element>).__block.isConnected)).toBe(false);
    await page.close();
  });

  it('in the split view a click selects the list item at once and replaces the block', async () => {
    const page = await open('webasyst/shop/?action=orders#/orders/id=1/');
    await page.waitForSelector('li.order.selected[data-order-id="1"]');
    await page.waitForSelector('#s-order #s-order-block');
    await page.evaluate(() => {
      const w = window as unknown as Record<string, Element | null>;
      w.__pane = document.querySelector('#s-order');
      w.__block = document.querySelector('#s-order-block');
    });
    await page.click('li.order[data-order-id="4"] a.details');
    await page.waitForSelector('li.order.selected[data-order-id="4"]', { timeout: 200 });
    await page.waitForFunction(() => document.querySelector('#s-order-title')?.textContent?.includes('#1004'));
    expect(
      await page.evaluate(() => {
        const w = window as unknown as Record<string, Element>;
        return {
          samePane: w.__pane === document.querySelector('#s-order'),
          oldGone: !w.__block.isConnected,
          selected: document.querySelectorAll('li.order.selected').length,
        };
      }),
    ).toEqual({ samePane: true, oldGone: true, selected: 1 });
    await page.close();
  });

  it('"Create deal in CRM" opens the built-in dialog and links a new deal', async () => {
    const order = [...sim.state.orders.all()].find((o) => !sim.state.dealForOrder(o.id) && o.contactId)!;
    const page = await open(`webasyst/shop/?action=orders#/order/${order.id}/`);
    await page.waitForSelector('a.js-crm-create-deal');
    await page.click('a.js-crm-create-deal');
    await page.waitForSelector('#crm-deal-create-dialog input[value="new"]');
    sim.log.clear();
    await page.click('#crm-deal-create-submit');
    await page.waitForSelector('#s-order-block a.js-crm-link[href*="/crm/deal/"]');
    const deal = sim.state.dealForOrder(order.id)!;
    expect(await page.$eval('a.js-crm-link', (a) => a.getAttribute('href'))).toBe(`/webasyst/crm/deal/${deal.id}/`);
    expect(sim.log.effects()).toEqual([`deal_create_backend:${deal.id}:order:${order.id}`]);
    expect(await page.$('#crm-deal-create-dialog')).toBeNull();
    await page.close();
  });
});

describe('CRM deal SPA', () => {
  async function openDeal(path: string): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { __spa: unknown[]; __loadLength: number };
      w.__spa = [];
      w.__loadLength = history.length;
      // Capture phase: the event is dispatched on <html> and does not bubble.
      window.addEventListener('spa:navigateType', (e) => w.__spa.push((e as CustomEvent).detail), true);
    });
    await page.goto(new URL(path, sim.url).toString(), { waitUntil: 'networkidle0' });
    return page;
  }

  it('first load rewrites /deal/N/ to /deal/N/history without a new history entry', async () => {
    const page = await openDeal('webasyst/crm/deal/1/');
    expect(new URL(page.url()).pathname).toBe('/webasyst/crm/deal/1/history');
    // The rewrite adds no entry: the length is what the document load itself made it.
    expect(await page.evaluate(() => history.length)).toBe(
      await page.evaluate(() => (window as unknown as { __loadLength: number }).__loadLength),
    );
    expect(await page.evaluate(() => (window as unknown as { __spa: unknown[] }).__spa)).toEqual([
      { name: 'deal', path: '/deal/1/' },
    ]);
    await page.close();
  });

  it('deal → deal keeps the containers, replaces h1.deal-name (with a gap) and ul.tabs, pushes one entry; Back pops', async () => {
    const page = await openDeal('webasyst/crm/deal/1/');
    const other = await page.$eval('a.js-sim-deal-link', (a) => Number(a.getAttribute('data-deal-id')));
    await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      w.__marker = 'same document';
      w.__kept = ['#app', '.deal-container', '.deal-header', '.deal-content', '.tab-content', '.deal-info-sidebar'].map(
        (s) => document.querySelector(s),
      );
      w.__replaced = ['h1.deal-name', 'ul.tabs'].map((s) => document.querySelector(s));
    });
    await watch(page, 'h1.deal-name');
    const before = await page.evaluate(() => history.length);
    await page.click('a.js-sim-deal-link');
    await page.waitForFunction(
      (id) => location.pathname === `/webasyst/crm/deal/${id}/history` && !!document.querySelector('h1.deal-name'),
      {},
      other,
    );
    await page.waitForNetworkIdle({ idleTime: 150 });
    const after = await page.evaluate(() => {
      const w = window as unknown as Record<string, (Element | null)[]> & { __marker: string; __spa: unknown[] };
      return {
        kept: w.__kept.map(
          (el, i) =>
            el ===
            document.querySelector(
              ['#app', '.deal-container', '.deal-header', '.deal-content', '.tab-content', '.deal-info-sidebar'][i],
            ),
        ),
        replaced: w.__replaced.map((el) => !el!.isConnected),
        marker: w.__marker,
        length: history.length,
        spa: w.__spa,
      };
    });
    expect(after.kept).toEqual([true, true, true, true, true, true]);
    expect(after.replaced).toEqual([true, true]);
    expect(after.marker).toBe('same document');
    expect(after.length).toBe(before + 1);
    expect(after.spa).toEqual([
      { name: 'deal', path: '/deal/1/' },
      { name: 'deal', path: `/deal/${other}/` },
    ]);
    const w = await watched(page);
    const gap = w.present.find((t) => t > w.missing[0])! - w.missing[0];
    expect(gap).toBeGreaterThanOrEqual(80);
    expect(await page.$eval('h1.deal-name', (h) => h.textContent)).toBe(sim.state.getDeal(other)!.name);

    await page.goBack();
    await page.waitForFunction(
      () =>
        location.pathname === '/webasyst/crm/deal/1/history' &&
        document.querySelector('.deal-header__right')?.textContent?.includes('id: 1'),
    );
    await page.waitForSelector('h1.deal-name');
    expect(await page.evaluate(() => (window as unknown as { __marker: string }).__marker)).toBe('same document');
    await page.close();
  });

  it('tabs use replaceState; the Order tab shows the order document in an iframe', async () => {
    const page = await openDeal('webasyst/crm/deal/6/');
    const length = await page.evaluate(() => history.length);
    await page.evaluate(
      () => ((window as unknown as Record<string, Element | null>).__tabs = document.querySelector('ul.tabs')),
    );
    await page.click('li.tab-item[data-id="dealOrderTab"] a');
    await page.waitForSelector('.tab-content iframe[src*="module=order"]');
    expect(new URL(page.url()).pathname).toBe('/webasyst/crm/deal/6/order');
    expect(await page.evaluate(() => history.length)).toBe(length);
    expect(
      await page.evaluate(
        () => (window as unknown as Record<string, Element>).__tabs === document.querySelector('ul.tabs'),
      ),
    ).toBe(true);
    expect(await page.$$eval('li.tab-item.selected', (els) => els.map((e) => e.getAttribute('data-id')))).toEqual([
      'dealOrderTab',
    ]);
    const frame = await (await page.$('.tab-content iframe'))!.contentFrame();
    await frame.waitForSelector('h1#s-order-title');
    expect(await frame.$eval('h1#s-order-title', (h) => h.textContent)).toContain('#1001');
    expect(await frame.$('table#s-order-items')).not.toBeNull();
    await page.close();
  });

  it('the stage selector moves the deal through the state; Won closes it', async () => {
    const page = await openDeal('webasyst/crm/deal/1/');
    const deal = sim.state.getDeal(1)!;
    const next = sim.state
      .funnel(deal.funnelId)!
      .stages.find((s) => s.number === sim.state.stage(deal.stageId)!.number + 1)!;
    const from = deal.stageId;
    sim.log.clear();
    await page.click('.js-stage-toggle');
    await page.click(`.js-move-stage[data-stage-id="${next.id}"]`);
    await page.waitForFunction(
      (name) => document.querySelector('.js-stage-toggle')?.textContent?.includes(name),
      {},
      next.name,
    );
    expect(sim.state.getDeal(1)!.stageId).toBe(next.id);
    await page.click('.js-deal-won');
    await page.waitForSelector('.js-deal-reopen');
    expect(sim.state.getDeal(1)!.statusId).toBe('WON');
    expect(sim.log.effects()).toEqual([`deal_move:1:${from}->${next.id}`, 'deal_close:1:WON']);
    await page.close();
  });
});
