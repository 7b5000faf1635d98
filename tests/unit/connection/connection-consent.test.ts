import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { consentInTab, tabRedirectUri, tokenFromRedirect } from '@/utils/connection/consent';
import { consentUrl } from '@/utils/api/methods/auth';
import { ConnectError } from '@/utils/connection/errors';

const BASE = 'https://shop.example.com/';
const TOKEN = 'a'.repeat(32);

async function consentTabs() {
  return (await fakeBrowser.tabs.query({})).filter(
    (t) => t.url?.includes('api.php/auth') || t.url?.includes('dealbridge-auth'),
  );
}

async function consentTab() {
  await new Promise((r) => setTimeout(r, 0));
  const [tab] = await consentTabs();
  expect(tab?.url).toContain('api.php/auth?client_id=dealbridge');
  return tab;
}

describe('consent page', () => {
  it('asks for shop,crm with Dealbridge’s own client id', () => {
    const url = new URL(consentUrl(BASE, { responseType: 'token', redirectUri: tabRedirectUri(BASE) }));
    expect(url.pathname).toBe('/api.php/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'dealbridge',
      client_name: 'Dealbridge',
      response_type: 'token',
      scope: 'shop,crm',
      redirect_uri: 'https://shop.example.com/webasyst/?dealbridge-auth',
    });
    expect(new URL(consentUrl(BASE, { responseType: 'code' })).searchParams.has('redirect_uri')).toBe(false);
  });

  it('reads the token from the redirect fragment, and a refusal as consent_refused', () => {
    expect(tokenFromRedirect(`${tabRedirectUri(BASE)}#access_token=${TOKEN}`)).toBe(TOKEN);
    expect(() => tokenFromRedirect(`${tabRedirectUri(BASE)}#error=access_denied`)).toThrowError(
      expect.objectContaining({ problem: 'consent_refused' }) as unknown as Error,
    );
    expect(() => tokenFromRedirect(`${tabRedirectUri(BASE)}#access_token=<script>`)).toThrow(ConnectError);
  });

  it('the tab flow catches the redirect, closes the tab and resolves with the token', async () => {
    const flow = consentInTab(BASE);
    await new Promise((r) => setTimeout(r, 0));
    const tab = await consentTab();
    expect(tab.url).toContain('api.php/auth');
    await fakeBrowser.tabs.update(tab.id!, { url: `${tabRedirectUri(BASE)}#access_token=${TOKEN}` });
    await expect(flow).resolves.toBe(TOKEN);
    await new Promise((r) => setTimeout(r, 0));
    expect(await consentTabs()).toHaveLength(0);
  });

  it('closing the consent tab rejects with consent_closed', async () => {
    const flow = consentInTab(BASE);
    await new Promise((r) => setTimeout(r, 0));
    const tab = await consentTab();
    // The person closes the tab (the fake browser's tabs.remove cannot find a tab's window).
    await fakeBrowser.tabs.onRemoved.trigger(tab.id!, { isWindowClosing: false, windowId: tab.windowId! });
    await expect(flow).rejects.toMatchObject({ problem: 'consent_closed' });
  });

  it('pages of the consent flow that are not the redirect are ignored', async () => {
    const flow = consentInTab(BASE);
    await new Promise((r) => setTimeout(r, 0));
    const tab = await consentTab();
    await fakeBrowser.tabs.update(tab.id!, { url: `${BASE}webasyst/?dealbridge-authx#access_token=${TOKEN}` });
    await fakeBrowser.tabs.update(tab.id!, { url: `${BASE}api.php/auth?login=1` });
    await fakeBrowser.tabs.update(tab.id!, { url: `${tabRedirectUri(BASE)}#error=access_denied` });
    await expect(flow).rejects.toMatchObject({ problem: 'consent_refused' });
  });
});
