/**
 * The simulated backend's session, CSRF, workflow, "Create deal in CRM" and consent endpoints
 * answer as the real ones do (sim/README.md, "Oddities kept on purpose").
 */
import { Window } from 'happy-dom';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Sim } from '../../../sim/server';
import { BackendClient } from '../../sim-dom/backend-client';

function parse(html: string): Document {
  const window = new Window({
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

let sim: Sim;
let client: BackendClient;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
});
afterAll(() => sim?.close());
beforeEach(async () => {
  client = new BackendClient(sim.url);
  await client.login(sim.login, sim.password);
  sim.log.clear();
});

describe('sessions and cookies', () => {
  it('without a session a plain request gets the login form with 200, an XHR gets wa-session-expired', async () => {
    const anonymous = new BackendClient(sim.url);
    const plain = await anonymous.request('GET', 'webasyst/shop/?action=orders');
    expect(plain.status).toBe(200);
    const form = parse(await plain.text());
    expect(form.querySelector('form input[name="password"]')).not.toBeNull();
    expect(form.querySelector('form input[name="_csrf"]')!.getAttribute('value')).toBe(anonymous.cookies.get('_csrf'));
    const xhr = await anonymous.request('GET', 'webasyst/shop/?module=order&id=1', { xhr: true });
    expect(xhr.status).toBe(200);
    expect(xhr.headers.get('wa-session-expired')).toBe('1');
    expect((await xhr.text()).length).toBeLessThan(100);
  });

  it('sets PHPSESSID HttpOnly, _csrf readable and SameSite=Lax, and last_page only on non-XHR GETs', async () => {
    const fresh = new BackendClient(sim.url);
    await fresh.request('GET', 'webasyst/');
    const csrfLine = fresh.lastSetCookies.find((l) => l.startsWith('_csrf='))!;
    expect(csrfLine).toMatch(/SameSite=Lax/i);
    expect(csrfLine).not.toMatch(/HttpOnly/i);
    await fresh.request('POST', 'webasyst/', {
      form: { login: sim.login, password: sim.password, wa_auth_login: '1' },
    });
    expect(fresh.lastSetCookies.find((l) => l.startsWith('PHPSESSID='))).toMatch(/HttpOnly/i);
    await fresh.request('GET', 'webasyst/shop/?module=order&id=1', { xhr: true });
    expect(fresh.lastSetCookies.some((l) => l.startsWith('last_page='))).toBe(false);
    await fresh.request('GET', 'webasyst/shop/?action=orders');
    const lastPage = fresh.lastSetCookies.find((l) => l.startsWith('last_page='))!;
    expect(lastPage).toMatch(/HttpOnly/i);
    expect(decodeURIComponent(fresh.cookies.get('last_page')!)).toBe('/webasyst/shop/?action=orders');
    // The next login at /webasyst/ lands on that page.
    const again = new BackendClient(sim.url);
    again.cookies.set('last_page', fresh.cookies.get('last_page')!);
    await again.request('GET', 'webasyst/');
    const landed = await again.request('POST', 'webasyst/', {
      form: { login: sim.login, password: sim.password, wa_auth_login: '1' },
    });
    expect(landed.headers.get('location')).toBe('/webasyst/shop/?action=orders');
  });

  it('a wrong password shows the form again', async () => {
    const fresh = new BackendClient(sim.url);
    await fresh.request('GET', 'webasyst/');
    const res = await fresh.request('POST', 'webasyst/', {
      form: { login: sim.login, password: 'nope', wa_auth_login: '1' },
    });
    expect(res.status).toBe(200);
    expect(parse(await res.text()).querySelector('#wa-login-error')).not.toBeNull();
    expect(fresh.cookies.has('PHPSESSID')).toBe(false);
  });

  it('every backend POST needs _csrf equal to the cookie, else 403 "Error #403"', async () => {
    const missing = await client.request('POST', 'webasyst/shop/?module=workflow&action=prepare', {
      form: { id: '7', action_id: 'comment' },
      csrf: false,
      xhr: true,
    });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('Error #403');
    const wrong = await client.request('POST', 'webasyst/crm/?module=deal&action=create', {
      form: { order_id: '3', 'data[deal_id]': 'new', _csrf: 'forged' },
      xhr: true,
    });
    expect(wrong.status).toBe(403);
    // Dropping the cookie does not help: the server makes a new one on the spot.
    client.cookies.delete('_csrf');
    const dropped = await client.request('POST', 'webasyst/shop/?module=workflow&action=prepare', {
      form: { id: '7', action_id: 'comment', _csrf: '' },
      xhr: true,
    });
    expect(dropped.status).toBe(403);
    expect(client.cookies.get('_csrf')).toBeTruthy();
    expect(sim.log.effects()).toEqual([]);
  });
});

describe('workflow actions from the order page', () => {
  it('an action without a form runs at once through the state (the API sees the same change)', async () => {
    const order = [...sim.state.orders.all()].find((o) => o.stateId === 'new')!;
    const res = await client.request('POST', 'webasyst/shop/?module=workflow&action=prepare', {
      form: { id: String(order.id), action_id: 'process' },
      xhr: true,
    });
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ status: 'ok' });
    expect(sim.state.getOrder(order.id)!.stateId).toBe('processing');
    expect(sim.log.effects()).toContain(`order_action:${order.id}:process`);
  });

  it('an action with a form answers its form; the form posts the comment', async () => {
    const formHtml = await client.text('POST', 'webasyst/shop/?module=workflow&action=prepare', {
      form: { id: '3', action_id: 'comment' },
      xhr: true,
    });
    const form = parse(formHtml).querySelector('form.s-workflow-form')!;
    expect(form.querySelector('textarea[name="text"]')).not.toBeNull();
    expect(sim.log.effects()).toEqual([]);
    const reply = await client.request('POST', 'webasyst/shop/?module=workflow&action=perform', {
      form: { id: '3', action_id: 'comment', text: 'Gift wrap <b>please</b>' },
      xhr: true,
    });
    expect(await reply.json()).toMatchObject({ status: 'ok' });
    const log = sim.state.orders.log(sim.state.getOrder(3)!);
    expect(log[log.length - 1]).toMatchObject({ actionId: 'comment', text: 'Gift wrap <b>please</b>' });
    const block = parse(await client.text('GET', 'webasyst/shop/?module=order&id=3&view=split', { xhr: true }));
    expect(block.querySelector('.s-order-timeline-message')!.textContent).toBe('Gift wrap <b>please</b>');
    expect(block.querySelector('.s-order-timeline-message b')).toBeNull();
  });
});

describe('crm/?module=deal&action=createDialog and action=create', () => {
  it('the dialog offers the customer’s open unlinked deals and a new one, with the hidden fields', async () => {
    const order = sim.state.getOrder(3)!;
    const html = await client.text('POST', 'webasyst/crm/?module=deal&action=createDialog', {
      form: { order_id: '3', contact_id: String(order.contactId) },
      xhr: true,
    });
    const doc = parse(html);
    const form = doc.querySelector('form[action*="action=create"]')!;
    for (const name of ['data[funnel_id]', 'data[stage_id]', '_csrf', 'order_id']) {
      expect(form.querySelector(`input[type="hidden"][name="${name}"]`), name).not.toBeNull();
    }
    expect(form.querySelector('[name="data[user_contact_id]"]')).not.toBeNull();
    const radios = [...form.querySelectorAll('input[type="radio"][name="data[deal_id]"]')].map((r) =>
      r.getAttribute('value'),
    );
    const expected = sim.state.openUnlinkedDealsOf(order.contactId!).map((d) => String(d.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(radios).toEqual(['new', ...expected]);
    // GET works too.
    expect(
      parse(
        await client.text(
          'GET',
          `webasyst/crm/?module=deal&action=createDialog&order_id=3&contact_id=${order.contactId}`,
        ),
      ).querySelector('input[value="new"]'),
    ).not.toBeNull();
  });

  it('creates a deal (number id), binds an open unlinked one (string id), and silently creates for a bad bind', async () => {
    const created = await client.request('POST', 'webasyst/crm/?module=deal&action=create', {
      form: {
        order_id: '2',
        'data[deal_id]': 'new',
        'data[funnel_id]': '1',
        'data[stage_id]': '1',
        'data[user_contact_id]': '1',
      },
      xhr: true,
    });
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    const newReply = await created.json();
    expect(newReply).toEqual({ status: 'ok', data: { id: expect.any(Number) } });
    expect(sim.state.getDeal(newReply.data.id)).toMatchObject({ externalId: 'shop:2', name: 'Order #1002' });

    const order3 = sim.state.getOrder(3)!;
    const bindable = sim.state.openUnlinkedDealsOf(order3.contactId!)[0];
    const bound = await client.request('POST', 'webasyst/crm/?module=deal&action=create', {
      form: { order_id: '3', 'data[deal_id]': String(bindable.id) },
      xhr: true,
    });
    expect(await bound.json()).toEqual({ status: 'ok', data: { id: String(bindable.id) } });
    expect(sim.state.getDeal(bindable.id)!.externalId).toBe('shop:3');

    // Binding an already linked deal: a new deal, and nobody checks that order 3 already has one.
    const again = await client.request('POST', 'webasyst/crm/?module=deal&action=create', {
      form: { order_id: '3', 'data[deal_id]': String(bindable.id) },
      xhr: true,
    });
    const againReply = await again.json();
    expect(typeof againReply.data.id).toBe('number');
    expect(againReply.data.id).not.toBe(bindable.id);
    const unknown = await client.request('POST', 'webasyst/crm/?module=deal&action=create', {
      form: { order_id: '3', 'data[deal_id]': '987654' },
      xhr: true,
    });
    expect(typeof (await unknown.json()).data.id).toBe('number');
    expect(sim.log.effects().filter((e) => e.startsWith('deal_create_backend:'))).toHaveLength(3);
    expect(sim.log.effects()).toContain(`deal_link:${bindable.id}:order:3`);
  });

  it('labels the reply JSON only for XHR; a missing or unknown order is a 500 "Order not found" page', async () => {
    const plain = await client.request('POST', 'webasyst/crm/?module=deal&action=create', {
      form: { order_id: '5', 'data[deal_id]': 'new' },
    });
    expect(plain.headers.get('content-type')).not.toMatch(/json/);
    expect(JSON.parse(await plain.text())).toMatchObject({ status: 'ok' });
    const bodies: Record<string, string>[] = [
      { order_id: '987654', 'data[deal_id]': 'new' },
      { 'data[deal_id]': 'new' },
    ];
    for (const form of bodies) {
      const res = await client.request('POST', 'webasyst/crm/?module=deal&action=create', { form, xhr: true });
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toContain('Order not found');
    }
  });
});

describe('api.php/auth consent page', () => {
  const authUrl = (params: Record<string, string>) => `api.php/auth?${new URLSearchParams(params)}`;
  const base = {
    client_id: 'dealbridge-test',
    client_name: 'Dealbridge',
    response_type: 'token',
    scope: 'shop,crm',
    redirect_uri: 'https://example.invalid/cb',
  };

  it('asks to log in first, then shows the approve form, then redirects with the token', async () => {
    const anonymous = new BackendClient(sim.url);
    const login = parse(await anonymous.text('GET', authUrl(base)));
    expect(login.querySelector('form input[name="password"]')).not.toBeNull();
    const loggedIn = await anonymous.request('POST', authUrl(base), {
      form: { login: sim.login, password: sim.password, wa_auth_login: '1' },
    });
    expect(loggedIn.status).toBe(302);
    const consent = parse(await anonymous.text('GET', authUrl(base)));
    expect([...consent.querySelectorAll('#wa-api-auth-scope li')].map((li) => li.getAttribute('data-app'))).toEqual([
      'shop',
      'crm',
    ]);
    expect(consent.querySelector('#wa-api-auth-approve')).not.toBeNull();
    const approved = await anonymous.request('POST', authUrl(base), { form: { approve: '1' } });
    expect(approved.status).toBe(302);
    const location = approved.headers.get('location')!;
    const token = /^https:\/\/example\.invalid\/cb#access_token=([0-9a-f]{32})$/.exec(location)?.[1];
    expect(token).toBeTruthy();
    expect(sim.state.auth.tokens.get(token!)).toMatchObject({ clientId: 'dealbridge-test', scope: ['shop', 'crm'] });

    // Same client and user: the same token, its scope overwritten.
    await anonymous.request('GET', authUrl({ ...base, scope: 'crm' }));
    const narrowed = await anonymous.request('POST', authUrl({ ...base, scope: 'crm' }), { form: { approve: '1' } });
    expect(narrowed.headers.get('location')).toBe(location);
    expect(sim.state.auth.tokens.get(token!)!.scope).toEqual(['crm']);
  });

  it('deny redirects with error=access_denied (fragment for token, query for code)', async () => {
    const denied = await client.request('POST', authUrl(base), { form: { deny: '1' } });
    expect(denied.headers.get('location')).toBe('https://example.invalid/cb#error=access_denied');
    const deniedCode = await client.request(
      'POST',
      authUrl({ ...base, response_type: 'code', redirect_uri: 'https://example.invalid/cb?x=1' }),
      { form: { deny: '1' } },
    );
    expect(deniedCode.headers.get('location')).toBe('https://example.invalid/cb?x=1&error=access_denied');
    expect(sim.log.effects().filter((e) => e.startsWith('token_issue'))).toEqual([]);
  });

  it('response_type=code: redirects with ?code=, or shows the code when there is no redirect_uri', async () => {
    const redirected = await client.request('POST', authUrl({ ...base, response_type: 'code' }), {
      form: { approve: '1' },
    });
    expect(redirected.headers.get('location')).toMatch(/^https:\/\/example\.invalid\/cb\?code=[0-9a-f]{32}$/);
    const { redirect_uri: _omit, ...noRedirect } = base;
    const shown = parse(
      await client.text('POST', authUrl({ ...noRedirect, response_type: 'code' }), { form: { approve: '1' } }),
    );
    const code = shown.querySelector('#wa-api-auth-code')!.getAttribute('value')!;
    const exchanged = sim.state.exchangeCode(code, 'dealbridge-test', 'authorization_code');
    expect(exchanged).toEqual({ access_token: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('cuts the scope to the user’s apps and shows "invalid scope" when none remain', async () => {
    sim.state.addContact({
      firstname: 'Shop',
      middlename: '',
      lastname: 'Only',
      email: 'shop.only@example.com',
      phone: '',
      address: null,
      company: '',
      createdAt: sim.state.clock.now(),
      isUser: 1,
      login: 'shoponly',
      password: 'secret',
      rights: { shop: 'orders', crm: 'none', workflowActions: '*' },
      crmUserId: null,
    });
    const shopOnly = new BackendClient(sim.url);
    await shopOnly.login('shoponly', 'secret');
    const consent = parse(await shopOnly.text('GET', authUrl(base)));
    expect([...consent.querySelectorAll('#wa-api-auth-scope li')].map((li) => li.getAttribute('data-app'))).toEqual([
      'shop',
    ]);
    const invalid = parse(await shopOnly.text('GET', authUrl({ ...base, scope: 'crm' })));
    expect(invalid.querySelector('#wa-api-auth-error')!.textContent).toBe('invalid scope');
    const missing = parse(await client.text('GET', authUrl({ ...base, redirect_uri: '' })));
    expect(missing.querySelector('#wa-api-auth-error')).not.toBeNull();
  });
});
