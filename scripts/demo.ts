/**
 * `npm start`: builds the test extension, starts the simulated Webasyst with the demo seed,
 * launches Chromium with Dealbridge loaded and connected, signs in and opens an order page.
 * With a display the browser is a normal window; without one it runs headless, keeps
 * running, prints the URLs and writes a screenshot of the order page with Dealbridge on it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startSimulator } from '../sim/server';
import { launchExtension } from '../tests/e2e/harness';
import { until } from '../tests/e2e/until';
import { demoRules } from './demo-rules';
import { ensureBrowser } from './ensure-browser';

const DEMO_ORDER_ID = 1; // the seed's linked pair: order #1001 ↔ its deal
const SCREENSHOT = resolve('.tmp/demo-order-page.png');

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8780);
  const browserPath = await ensureBrowser();
  process.env.PUPPETEER_EXECUTABLE_PATH ??= browserPath;

  console.log('Building the extension (test build, with loopback host permissions)…');
  execFileSync('npx', ['wxt', 'build', '--mode', 'test'], { stdio: 'ignore' });

  const sim = await startSimulator({ port, seed: 'demo' });
  const headless = !process.env.DISPLAY && process.platform === 'linux';
  const harness = await launchExtension(sim, { headless });

  await harness.updateSettings(demoRules());

  const orderUrl = new URL(`webasyst/shop/?action=orders#/order/${DEMO_ORDER_ID}/`, sim.url).toString();
  const page = await harness.newPage();
  await page.goto(orderUrl, { waitUntil: 'domcontentloaded' });
  // Polled: puppeteer's `>>>` waits do not see changes inside a shadow root.
  await until(
    'Dealbridge on the order page',
    () =>
      page.evaluate(
        () =>
          !!document
            .querySelector('[data-dealbridge="order-control"]')
            ?.shadowRoot?.querySelector('[data-dealbridge="linked-deal"]'),
      ),
    20_000,
  );

  console.log('\nDealbridge demo is running.');
  console.log(`  Simulated Webasyst: ${sim.url}  (login ${sim.login} / ${sim.password})`);
  console.log(`  Order page:         ${orderUrl}`);
  const linkedDeal = [...sim.state.deals.values()].find((deal) => deal.externalId === `shop:${DEMO_ORDER_ID}`);
  if (linkedDeal) console.log(`  Its deal:           ${new URL(`webasyst/crm/deal/${linkedDeal.id}/`, sim.url)}`);
  console.log(`  Options:            chrome-extension://${harness.extensionId}/options.html`);
  console.log(`  Popup:              chrome-extension://${harness.extensionId}/popup.html`);
  if (headless) {
    mkdirSync(resolve('.tmp'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    console.log(`  No display: the browser runs headless. Screenshot of the order page: ${SCREENSHOT}`);
  }
  console.log('Press Ctrl+C to stop.');

  const stop = async () => {
    await harness.close();
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  harness.browser.on('disconnected', () => void stop());
}

main().catch((error) => {
  console.error('The demo could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
