import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../../sim/server';
import { createWebasystApi, isApiError, type WebasystApi } from '../../../utils/api';
import { DEFAULT_RETRY_POLICY } from '../../../utils/sync/model/retry';
import { NodeBrowser } from '../../reliability/node-sync';
import { EffectLedger } from '../../reliability/ledger';
import { dealsOfOrder } from '../../reliability/pairs';
import { createRng } from '../../reliability/prng';
import { soakSettings, ADMIN } from '../../reliability/soak';
import { settingsSchema } from '../../../utils/settings/schema';

/**
 * Bad replies: each method's reply swapped for malformed variants (missing keys, wrong types,
 * an HTML error page, an empty body). The API client must turn every one into its own error
 * (never a crash of another kind), and the sync engine must report a clear problem, keep
 * going, and lose nothing: once replies are sound again, every change arrives, once.
 */
type Variant = 'missing_keys' | 'wrong_types' | 'html' | 'empty';
const VARIANTS: Variant[] = ['missing_keys', 'wrong_types', 'html', 'empty'];
const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';

/** Every value of an object (or of each array item) replaced by one of another type. */
function corrupt(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value.map(corrupt) : ['x'];
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swapType(v)]));
  return swapType(value);
}
function swapType(v: unknown): unknown {
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number') return 'not a number';
  if (typeof v === 'boolean') return 'yes';
  if (v === null) return [];
  if (Array.isArray(v)) return 'list';
  return 7;
}

/** A fetch that answers `target` calls with `variant` instead of the real reply. */
function badFetch(
  target: () => { method: string; variant: Variant } | null,
  onHit: () => void = () => undefined,
): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const bad = target();
    const method =
      /api\.php\/([a-z.]+)/i.exec(url)?.[1] ?? (url.includes('module=deal&action=create') ? 'backend.create' : null);
    if (!bad || method !== bad.method) return fetch(input, init);
    onHit();
    // A write reaches the server and only its reply is spoilt (a server that did its job and
    // answered badly), except behind an HTML error page, where it never arrived.
    const isWrite = (init?.method ?? 'GET') !== 'GET';
    if (isWrite && bad.variant !== 'html' && bad.variant !== 'wrong_types')
      await fetch(input, init).then((r) => r.text());
    switch (bad.variant) {
      case 'missing_keys':
        return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
      case 'html':
        return new Response(HTML_PAGE, { status: 200, headers: { 'Content-Type': 'text/html' } });
      case 'empty':
        return new Response('', { status: 200, headers: { 'Content-Type': 'application/json' } });
      case 'wrong_types': {
        const real = await fetch(input, init);
        const text = await real.text();
        let json: unknown = { status: 5 };
        try {
          json = text ? JSON.parse(text) : json;
        } catch {
          // keep the stand-in
        }
        return new Response(JSON.stringify(corrupt(json)), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        });
      }
    }
  };
}

let sims: Sim[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

describe('the API client with bad replies', () => {
  const READS: Array<[string, (api: WebasystApi) => Promise<unknown>]> = [
    ['shop.order.search', (api) => api.shopOrderSearch({ hash: '', limit: 5 })],
    ['shop.order.getInfo', (api) => api.shopOrderGetInfo({ id: 1 })],
    ['shop.order.actions', (api) => api.shopOrderActions({ id: 1 })],
    ['shop.order.log', (api) => api.shopOrderLog({ id: 1 })],
    ['shop.settings.get', (api) => api.shopSettingsGet()],
    ['crm.deal.list', (api) => api.crmDealList({ contact_id: 2 })],
    ['crm.deal.info', (api) => api.crmDealInfo({ id: 6 })],
    ['crm.funnel.list', (api) => api.crmFunnelList()],
    ['crm.history', (api) => api.crmHistory({ filters: ['deals'], limit: 10 })],
    ['crm.user.me', (api) => api.crmUserMe()],
    ['crm.user.list', (api) => api.crmUserList()],
    ['crm.currency.list', (api) => api.crmCurrencyList()],
  ];
  const WRITES: Array<[string, (api: WebasystApi) => Promise<unknown>]> = [
    ['shop.order.action', (api) => api.shopOrderAction({ id: 2, action: 'comment', data: { text: 'x' } })],
    ['crm.deal.add', (api) => api.crmDealAdd({ name: 'x', stage_id: 1, contact_id: 2 })],
    ['crm.deal.move', (api) => api.crmDealMove({ id: 9, stage_id: 3, force: true })],
    ['crm.deal.close', (api) => api.crmDealClose({ id: 9, status_id: 'WON', force: true })],
    ['crm.deal.reopen', (api) => api.crmDealReopen({ id: 3 })],
    ['crm.deal.patch', (api) => api.crmDealPatch({ id: 9, changes: [{ field: 'name', value: 'x' }] })],
    ['crm.deal.delete', (api) => api.crmDealDelete({ id: 7 })],
  ];

  it.each(READS)('%s: every bad variant is an ApiError with a plain message', async (method, call) => {
    const sim = await startSimulator({ seed: 'demo' });
    sims.push(sim);
    let bad: { method: string; variant: Variant } | null = null;
    const api = createWebasystApi({
      baseUrl: sim.url,
      token: sim.token,
      fetch: badFetch(() => bad),
      retry: { attempts: 1 },
    });
    await expect(call(api)).resolves.toBeDefined();
    for (const variant of VARIANTS) {
      bad = { method, variant };
      const error = await call(api).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, `${method} ${variant} was accepted`).not.toBeNull();
      expect(isApiError(error), `${method} ${variant}: ${String(error)}`).toBe(true);
      const message = (error as Error).message;
      expect(message.length).toBeGreaterThan(0);
      expect(message).not.toMatch(/<html|<!DOCTYPE|\[object Object\]/i);
      expect(message).not.toContain(sim.token);
    }
  });

  it.each(WRITES)(
    '%s: a bad reply is an ApiError or an accepted write, never another failure',
    async (method, call) => {
      const sim = await startSimulator({ seed: 'demo' });
      sims.push(sim);
      for (const variant of VARIANTS) {
        const api = createWebasystApi({
          baseUrl: sim.url,
          token: sim.token,
          fetch: badFetch(() => ({ method, variant })),
          retry: { attempts: 1 },
        });
        const error = await call(api).then(
          () => null,
          (e: unknown) => e,
        );
        if (error !== null) {
          expect(isApiError(error), `${method} ${variant}: ${String(error)}`).toBe(true);
          expect((error as Error).message).not.toMatch(/<html|<!DOCTYPE|\[object Object\]/i);
        }
      }
    },
  );
});

/**
 * The soak's rules plus one for "Add comment", an action that leaves the order's state as it
 * is: any change of a linked order may hide it, so its log is read (otherwise most order
 * changes are told from their states, and this scenario would not read a log at all).
 */
function withStatelessRule() {
  const settings = soakSettings();
  const [sales, ...rest] = settings.mappings;
  return settingsSchema.parse({
    ...settings,
    mappings: [
      {
        ...sales,
        rules: [
          ...sales.rules,
          { actionId: 'comment', target: { kind: 'stage', stageId: 2 }, direction: 'order_to_deal' },
        ],
      },
      ...rest,
    ],
  });
}

describe('the sync engine with bad replies', () => {
  /** Methods the engine calls in the scenario below, and the backend endpoint it creates deals with. */
  const METHODS = [
    'shop.order.search',
    'shop.order.log',
    'shop.order.actions',
    'shop.order.action',
    'crm.history',
    'crm.deal.info',
    'crm.deal.list',
    'crm.deal.move',
    'crm.deal.close',
    'crm.funnel.list',
    'crm.user.me',
    'backend.create',
  ];

  /** What each method's run told a person (for the second test). */
  const told = new Map<string, string[]>();

  it.each(METHODS)('%s: bad replies cause no crash, and nothing is lost or done twice', async (method) => {
    const sim = await startSimulator({ seed: 'demo' });
    sims.push(sim);
    let bad: { method: string; variant: Variant } | null = null;
    let hits = 0;
    const browser = new NodeBrowser(sim, {
      settings: withStatelessRule(),
      random: createRng(1),
      policy: DEFAULT_RETRY_POLICY,
      timeoutMs: 2_000,
      fetch: badFetch(
        () => bad,
        () => hits++,
      ),
    });
    const ledger = new EffectLedger(sim);
    // Order 7 (new) gets a linked deal in Lead In, so that "process" moves it.
    const dealOf7 = Number(sim.state.createDealFromBackend(7, { dealId: 'new', funnelId: 1, stageId: 1 }, ADMIN).id);
    await browser.cycle();

    ledger.user(() => {
      sim.state.runOrderAction(7, 'process', ADMIN); // → move its deal to stage 2
      sim.state.runOrderAction(4, 'complete', ADMIN); // → close deal 4 won
      sim.state.closeDeal(6, 'WON', ADMIN, { force: true }); // → complete order 1
      sim.state.addOrder({
        contactId: 3,
        items: [{ skuId: sim.state.catalog[0].skuId, quantity: 1 }],
        storefront: '',
        actorId: ADMIN,
      });
    });
    const newOrder = sim.state.orders.count;

    const messages: string[] = [];
    // HTML first: for a write it is the variant that did not arrive, so it must be retried.
    for (const variant of ['html', 'missing_keys', 'wrong_types', 'empty'] as Variant[]) {
      bad = { method, variant };
      const result = await browser.cycle();
      expect(['done', 'stopped']).toContain(result);
      const error = await browser.lastError();
      if (error) messages.push(error);
      for (const item of await browser.outbox()) {
        if (item.lastError) messages.push(item.lastError);
        if (item.problem) messages.push(item.problem.code);
      }
      browser.advance(60_000);
    }
    bad = null;
    // The scenario reached the method; what was said, was said in words.
    expect(hits, `${method} was never called`).toBeGreaterThan(0);
    for (const message of messages) expect(message).not.toMatch(/<html|<!DOCTYPE|\[object Object\]/i);
    told.set(method, messages);

    for (let k = 0; k < 6; k++) {
      await browser.cycle();
      browser.advance(10 * 60_000);
    }
    expect(sim.state.getDeal(dealOf7)!.stageId).toBe(2);
    expect(sim.state.getDeal(4)!.statusId).toBe('WON');
    expect(sim.state.getOrder(1)!.stateId).toBe('completed');
    expect(dealsOfOrder(sim, newOrder)).toHaveLength(1);
    const left = (await browser.outbox()).map(
      (item) => `${item.id}: ${item.status} ${item.problem?.code ?? ''} ${item.lastError ?? ''}`,
    );
    expect(left).toEqual([]);
    expect(ledger.doubles()).toEqual([]);
  });

  /**
   * A bad reply while *examining* a change (reading the order's log, the deal, who we are) leaves
   * the change in the inbox to be tried again, and the cycle reports it as its last error.
   */
  it.each(METHODS)('%s: a person is told what went wrong', (method) => {
    expect(told.get(method)?.length ?? 0, `nothing was reported for bad ${method} replies`).toBeGreaterThan(0);
  });
});
