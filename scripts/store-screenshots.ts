/**
 * The store listing's images, taken from the real extension on the simulated Webasyst with the
 * demo seed: five 1280×800 screenshots (the order page's control, the deal picker, the deal
 * page's panel, the popup, the options' mapping) and the 440×280 promo tile.
 *
 * `npm run store:screenshots` refreshes docs/store/screenshots/; the e2e test
 * tests/e2e/store-screenshots.e2e.test.ts takes the same set into .tmp/ and checks it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import { startSimulator } from '../sim/server';
import { launchExtension, type Harness } from '../tests/e2e/harness';
import { until } from '../tests/e2e/until';
import { demoRules } from './demo-rules';

export const SCREEN = { width: 1280, height: 800 } as const;
export const TILE = { width: 440, height: 280 } as const;

export const SCREENSHOTS = [
  '1-order-page.png',
  '2-deal-picker.png',
  '3-deal-panel.png',
  '4-popup.png',
  '5-options-mapping.png',
] as const;
export const PROMO_TILE = 'promo-tile-440x280.png';

const CONTROL = '[data-dealbridge="order-control"]';
/** The demo's linked pair: order #1001 (id 1) and its deal; order 3's customer has an open deal without an order. */
const LINKED_ORDER = 1;
const PICKER_ORDER = 3;
const ADMIN = 1;
/** How much larger than in the browser the popup is shown on its 1280×800 picture (at most 500 × 1.5 = 750 px high). */
const POPUP_ZOOM = 1.5;

export async function takeStoreScreenshots(outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const sim = await startSimulator({ seed: 'demo' });
  let h: Harness | null = null;
  try {
    h = await launchExtension(sim);
    await h.updateSettings(demoRules());
    await syncAndWait(h);
    // Something for the activity log: the linked order is paid and shipped, its deal follows.
    sim.state.runOrderAction(LINKED_ORDER, 'pay', ADMIN);
    sim.state.runOrderAction(LINKED_ORDER, 'ship', ADMIN);
    // ... and a new manual order gets its deal automatically.
    const placed = sim.state.addOrder({
      contactId: 5,
      actorId: ADMIN,
      items: [{ skuId: sim.state.catalog[0].skuId, quantity: 2 }],
      storefront: '',
    });
    await syncAndWait(h);
    await until('the new order’s deal', () => !!sim.state.dealForOrder(placed.id), 30_000);
    await syncAndWait(h);
    const deal = [...sim.state.deals.values()].find((d) => d.externalId === `shop:${LINKED_ORDER}`);
    if (!deal) throw new Error('The demo seed has no deal linked to order 1');
    await until('the deal to follow its order', () => sim.state.getDeal(deal.id)?.stageId === 4, 30_000);

    const page = await h.newPage();
    await page.setViewport(SCREEN);
    const shots: string[] = [];
    const shoot = async (name: string) => {
      await settle(page);
      const path = join(outDir, name) as `${string}.png`;
      await page.screenshot({ path });
      shots.push(path);
    };

    // 1. The order page with the linked deal, its details open.
    await page.goto(new URL(`webasyst/shop/?action=orders#/order/${LINKED_ORDER}/`, sim.url).toString(), {
      waitUntil: 'domcontentloaded',
    });
    await inControl(page, 'linked-deal');
    await (await page.waitForSelector(`${CONTROL} >>> [data-dealbridge="linked-toggle"]`))!.click();
    await inControl(page, 'linked-details');
    await shoot(SCREENSHOTS[0]);

    // 2. An unlinked order: the picker with the customer's open deals.
    await page.goto(new URL(`webasyst/shop/?action=orders#/order/${PICKER_ORDER}/`, sim.url).toString(), {
      waitUntil: 'domcontentloaded',
    });
    await (await page.waitForSelector(`${CONTROL} >>> [data-dealbridge="open-picker"]`, { timeout: 20_000 }))!.click();
    await inControl(page, 'deal-option');
    await shoot(SCREENSHOTS[1]);

    // 3. The deal page with the linked order's panel.
    await page.goto(new URL(`webasyst/crm/deal/${deal.id}/`, sim.url).toString(), { waitUntil: 'domcontentloaded' });
    await until(
      'the order panel',
      () =>
        page.evaluate(
          () =>
            !!document.querySelector('[data-dealbridge="deal-panel"]:not([hidden])')?.shadowRoot?.querySelector('*'),
        ),
      20_000,
    );
    await shoot(SCREENSHOTS[2]);

    // 4. The popup as the browser shows it (its own size, drawn at twice the pixels and shown
    // half again as large, so that its text reads well), centred on a neutral background.
    await page.setViewport({ width: 420, height: 760, deviceScaleFactor: 2 });
    await page.goto(`chrome-extension://${h.extensionId}/popup.html`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-dealbridge="activity-entry"]', { timeout: 20_000 });
    await settle(page);
    const box = await page.evaluate(() => {
      const body = document.body.getBoundingClientRect();
      return { width: Math.ceil(body.width), height: Math.ceil(Math.min(body.height, 500)) };
    });
    const popup = Buffer.from(await page.screenshot({ clip: { x: 0, y: 0, ...box } })).toString('base64');
    await page.setViewport(SCREEN);
    await page.setContent(popupStage(popup, box));
    await shoot(SCREENSHOTS[3]);

    // 5. The options page at the per-funnel mapping.
    await page.goto(`chrome-extension://${h.extensionId}/options.html`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-dealbridge="mapping-row"]', { timeout: 20_000 });
    await page.evaluate(() => {
      // The mapping editor (its heading first) at the top.
      document.querySelector('[data-dealbridge="mapping-editor"]')?.scrollIntoView({ block: 'start' });
    });
    await shoot(SCREENSHOTS[4]);

    // The promo tile: the icon, the name, one line.
    await page.setViewport(TILE);
    await page.setContent(promoTile());
    await shoot(PROMO_TILE);
    return shots;
  } finally {
    await h?.close();
    await sim.close();
  }
}

async function syncAndWait(h: Harness): Promise<void> {
  type Status = { status: { lastSyncAt: number | null; syncing: boolean; pendingCount: number } };
  const before = (await h.send<Status>('status.get', { activityLimit: 0 })).status.lastSyncAt ?? 0;
  await h.send('sync.now', {});
  await until(
    'a sync cycle',
    async () => {
      const { status } = await h.send<Status>('status.get', { activityLimit: 0 });
      return (status.lastSyncAt ?? 0) > before && !status.syncing;
    },
    30_000,
    250,
  );
}

/** Waits until the control's shadow root shows `name`. */
function inControl(page: Page, name: string): Promise<boolean> {
  return until(
    name,
    () =>
      page.evaluate(
        (selector, hook) =>
          !!document.querySelector(selector)?.shadowRoot?.querySelector(`[data-dealbridge="${hook}"]`),
        CONTROL,
        name,
      ),
    20_000,
  );
}

/** Lets fonts load and the last render land, so a picture never catches a half-drawn frame. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

function popupStage(png: string, box: { width: number; height: number }): string {
  return `<!doctype html><html><head><style>
    html, body { margin: 0; width: 100%; height: 100%; }
    body { display: flex; align-items: center; justify-content: center; background: linear-gradient(160deg, #eef2f7, #dfe6ee); }
    img { width: ${box.width * POPUP_ZOOM}px; height: ${box.height * POPUP_ZOOM}px; border-radius: 8px; box-shadow: 0 12px 40px rgba(15, 23, 42, .22), 0 0 0 1px rgba(15, 23, 42, .08); }
  </style></head><body><img alt="" src="data:image/png;base64,${png}"></body></html>`;
}

function promoTile(): string {
  const svg = readFileSync(resolve(import.meta.dirname, '../assets/icon.svg'), 'utf8').replace(
    '<svg ',
    '<svg width="112" height="112" ',
  );
  return `<!doctype html><html><head><style>
    html, body { margin: 0; width: ${TILE.width}px; height: ${TILE.height}px; overflow: hidden; }
    body { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 10px;
      background: linear-gradient(150deg, #0b2540, #173f66); color: #fff; font-family: 'DejaVu Sans', system-ui, sans-serif; }
    h1 { margin: 4px 0 0; font-size: 38px; font-weight: 700; letter-spacing: .5px; }
    p { margin: 0; font-size: 16px; color: #cfe3f7; }
    svg { filter: drop-shadow(0 6px 14px rgba(0, 0, 0, .25)); }
  </style></head><body>${svg}<h1>Dealbridge</h1><p>Shop-Script orders ⇄ CRM deals, in step</p></body></html>`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ensureBrowser } = await import('./ensure-browser');
  process.env.PUPPETEER_EXECUTABLE_PATH ??= await ensureBrowser();
  const { execFileSync } = await import('node:child_process');
  console.log('Building the test extension…');
  execFileSync('npx', ['wxt', 'build', '--mode', 'test'], { stdio: 'ignore' });
  const shots = await takeStoreScreenshots(resolve('docs/store/screenshots'));
  for (const shot of shots) console.log(`  ${shot}`);
}
