import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The real, trimmed backend pages (see dom/README.md next to them), relative to the repo root. */
const DOM_DIR = resolve(process.cwd(), '../shared/webasyst/dom');

export const FIXTURES = {
  unlinked20: 'shop-order-unlinked-ui20.html',
  linked20: 'shop-order-linked-ui20.html',
  split20: 'shop-orders-split-ui20.html',
  unlinked13: 'shop-order-unlinked-ui13.html',
  linked13: 'shop-order-linked-ui13.html',
  split13: 'shop-orders-split-ui13.html',
  crmOrderTabIframe: 'crm-deal-linked-order-tab.iframe.html',
  crmDealLinked: 'crm-deal-linked.html',
} as const;
export type FixtureName = keyof typeof FIXTURES;

export function fixtureHtml(name: FixtureName): string {
  return readFileSync(resolve(DOM_DIR, FIXTURES[name]), 'utf8');
}

/** Replaces the test window's document with a fixture (keeping <html>'s classes, which tell the UI). */
export function loadFixture(name: FixtureName, hash = ''): Document {
  const parsed = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  const root = document.importNode(parsed.documentElement, true);
  document.documentElement.remove();
  document.appendChild(root);
  if (hash) window.location.hash = hash;
  return document;
}

/** The order block of another fixture, as the page would insert it after an XHR. */
export function orderBlockFrom(name: FixtureName): Element {
  const parsed = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  const block = parsed.getElementById('s-order-block');
  if (!block) throw new Error(`${name} has no #s-order-block`);
  return document.importNode(block, true);
}

/** Lets MutationObserver callbacks (microtasks) run. */
export async function flushMutations(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}
