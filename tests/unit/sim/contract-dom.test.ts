/**
 * DOM contract: every selector dom/README.md verified on a real Webasyst page is found, the same
 * number of times, on the simulated page of the same kind and UI version, and the README's traps
 * hold. Pages are composed the way their scripts compose them (shell + the fragments they load);
 * tests/e2e/sim-pages.e2e.test.ts checks the same in Chromium with the pages' own scripts.
 */
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../../sim/server';
import { BackendClient } from '../../sim-dom/backend-client';
import {
  CONTRACT_CASES,
  countAll,
  expectedCounts,
  readRealDom,
  TRAPS,
  type ContractCase,
} from '../../sim-dom/contract-cases';

function parse(html: string): Document {
  const window = new Window({
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

async function simulatedPage(client: BackendClient, c: ContractCase): Promise<Document> {
  client.cookies.set('force_set_wa_backend_ui_version', c.ui);
  if (c.kind === 'deal' || c.kind === 'frame') return parse(await client.text('GET', c.path));
  const doc = parse(await client.text('GET', 'webasyst/shop/?action=orders'));
  const content = doc.querySelector('#s-content')!;
  if (c.kind === 'order') {
    content.innerHTML = await client.text('GET', `webasyst/shop/?module=order&id=${c.orderId}&view=split`, {
      xhr: true,
    });
  } else {
    content.innerHTML = await client.text('GET', `webasyst/shop/?module=orders&view=split&id=${c.orderId}`, {
      xhr: true,
    });
    doc.querySelector('#s-order')!.innerHTML = await client.text(
      'GET',
      `webasyst/shop/?module=order&id=%20${c.orderId}`,
      { xhr: true },
    );
  }
  return doc;
}

let sim: Sim;
let client: BackendClient;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  client = new BackendClient(sim.url);
  await client.login(sim.login, sim.password);
});
afterAll(() => sim?.close());

describe('simulated pages match the real pages selector by selector', () => {
  for (const c of CONTRACT_CASES) {
    it(`${c.name} (${c.realFile})`, async () => {
      const realDoc = parse(readRealDom(c.realFile));
      const real = countAll(realDoc, c.selectors);
      const simDoc = await simulatedPage(client, c);
      const simulated = countAll(simDoc, c.selectors);
      expect(simulated).toEqual(expectedCounts(realDoc, real, simDoc, c.selectors));
      // Everything present on the real page is there (a guard against two zeros hiding a typo).
      expect(c.selectors.filter((s) => real[s] > 0 && simulated[s] === 0)).toEqual([]);
    });
  }

  it('the split view lists li.order[data-order-id] for every listed order, like the real one (×7 there)', async () => {
    const doc = await simulatedPage(client, CONTRACT_CASES.find((c) => c.kind === 'split' && c.ui === '2.0')!);
    const ids = [...doc.querySelectorAll('li.order[data-order-id]')].map((li) =>
      Number(li.getAttribute('data-order-id')),
    );
    expect(ids.length).toBeGreaterThanOrEqual(7);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(doc.querySelectorAll('li.order.selected')).toHaveLength(1);
    expect(doc.querySelector('li.order.selected')!.getAttribute('data-order-id')).toBe('1');
  });
});

describe('traps from dom/README.md hold on the simulated pages', () => {
  for (const trap of TRAPS) {
    const cases = CONTRACT_CASES.filter((c) => trap.applies(c));
    for (const c of cases) {
      it(`${trap.name}: ${c.name}`, async () => {
        // The same trap holds on the real page, so the check itself is sound.
        expect(trap.check(parse(readRealDom(c.realFile)), c)).toBeNull();
        expect(trap.check(await simulatedPage(client, c), c)).toBeNull();
      });
    }
  }

  it('the Order tab iframe document looks like a Shop order page (h1#s-order-title, table#s-order-items)', async () => {
    const doc = await simulatedPage(client, CONTRACT_CASES.find((c) => c.kind === 'frame')!);
    expect(doc.querySelector('h1#s-order-title')?.textContent).toContain('#1001');
    expect(doc.querySelectorAll('table#s-order-items tr[data-id]')).toHaveLength(2);
  });
});

describe('order data on the simulated pages comes from the state', () => {
  it('title, state, customer link and totals of order 1 (UI 2.0)', async () => {
    const doc = await simulatedPage(client, CONTRACT_CASES[0]);
    const order = sim.state.getOrder(1)!;
    const title = doc.querySelector('#s-order-title')!;
    expect(title.textContent).toContain('#1001');
    expect(title.textContent).toContain('$34.99');
    expect(title.querySelector('[data-state-id]')!.getAttribute('data-state-id')).toBe(order.stateId);
    expect(doc.querySelector('.s-order-customer a[href^="?action=customers#/id/"]')!.getAttribute('href')).toBe(
      `?action=customers#/id/${order.contactId}`,
    );
    expect(doc.querySelector('a.js-crm-link')!.getAttribute('href')).toBe(
      `/webasyst/crm/deal/${sim.state.dealForOrder(1)!.id}/`,
    );
    expect(doc.querySelector('#s-order-items tfoot tr.bold')!.textContent).toContain('$34.99');
  });

  it('a hostile customer name stays text', async () => {
    const hostile = [...sim.state.contacts.values()].find((c) => /<img/i.test(`${c.firstname} ${c.lastname}`));
    expect(hostile, 'the demo seed has a contact with HTML in the name').toBeTruthy();
    const order = [...sim.state.orders.all()].find((o) => o.contactId === hostile!.id)!;
    client.cookies.set('force_set_wa_backend_ui_version', '2.0');
    const fragment = parse(
      `<div id="x">${await client.text('GET', `webasyst/shop/?module=order&id=${order.id}&view=split`, { xhr: true })}</div>`,
    );
    expect(fragment.querySelector('#x img')).toBeNull();
    expect(fragment.querySelector('.s-order-customer h5 a')!.textContent).toContain('<img');
  });
});
