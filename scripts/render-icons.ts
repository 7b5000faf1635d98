/** Renders assets/icon.svg to the PNG sizes the manifest uses (public/icon/<size>.png). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer';
import { findBrowser } from './browser-path';

const svg = readFileSync(resolve('assets/icon.svg'), 'utf8');
const browser = await puppeteer.launch({
  executablePath: findBrowser() ?? undefined,
  headless: true,
  args: ['--no-sandbox'],
});
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewport({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style>${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}`,
  );
  await page.screenshot({ path: resolve(`public/icon/${size}.png`) as `${string}.png`, omitBackground: true });
}
await browser.close();
