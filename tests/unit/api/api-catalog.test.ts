import { describe, expect, it, vi } from 'vitest';
import { createCatalog, formatOrderNumber } from '@/utils/api/catalog';
import type { WebasystApi } from '@/utils/api';
import { redactText, redactUrl } from '@/utils/api/errors';

function fakeApi(baseUrl = 'https://a.example/') {
  const api = {
    baseUrl,
    crmFunnelList: vi.fn(async () => [{ id: 1, name: 'Sales', stages: [] }]),
    crmUserList: vi.fn(async () => [{ id: 1, name: 'Admin', userpic: null }]),
    shopSettingsGet: vi.fn(async () => ({
      order_states: [{ id: 'new', name: 'New' }],
      settings: { name: 'Store', orderFormat: '#100{$order.id}' },
    })),
  };
  return api as typeof api & WebasystApi;
}

describe('catalog', () => {
  it('caches each part for its TTL and shares one request between concurrent readers', async () => {
    let now = 0;
    const api = fakeApi();
    const catalog = createCatalog(async () => api, { ttlMs: 1_000, now: () => now });
    await Promise.all([catalog.funnels(), catalog.funnels(), catalog.funnels()]);
    expect(api.crmFunnelList).toHaveBeenCalledTimes(1);
    now = 999;
    await catalog.funnels();
    expect(api.crmFunnelList).toHaveBeenCalledTimes(1);
    now = 1_000;
    await catalog.funnels();
    expect(api.crmFunnelList).toHaveBeenCalledTimes(2);
  });

  it('invalidate() makes the next read ask again; a failure is not cached', async () => {
    const api = fakeApi();
    const catalog = createCatalog(async () => api);
    await catalog.users();
    catalog.invalidate('users');
    await catalog.users();
    expect(api.crmUserList).toHaveBeenCalledTimes(2);
    api.crmFunnelList.mockRejectedValueOnce(new Error('down'));
    await expect(catalog.funnels()).rejects.toThrow('down');
    await expect(catalog.funnels()).resolves.toHaveLength(1);
  });

  it('another connection never sees the previous one’s cache', async () => {
    let api = fakeApi('https://a.example/');
    const catalog = createCatalog(async () => api);
    await catalog.orderStates();
    api = fakeApi('https://b.example/');
    await catalog.orderStates();
    expect(api.shopSettingsGet).toHaveBeenCalledTimes(1);
  });

  it('action names: learned from the installation, else Shop’s defaults, else the id', () => {
    const catalog = createCatalog(async () => fakeApi());
    expect(catalog.actionName('pay')).toBe('Paid');
    catalog.learnActionNames([
      { id: 'pay', name: 'Оплачен' },
      { id: 'x_custom', name: 'Custom' },
    ]);
    expect(catalog.actionName('pay')).toBe('Оплачен');
    expect(catalog.actionName('x_custom')).toBe('Custom');
    expect(catalog.actionName('plugin_thing')).toBe('plugin_thing');
  });

  it('order numbers follow the store’s format', async () => {
    const catalog = createCatalog(async () => fakeApi());
    expect(await catalog.orderNumber(3)).toBe('#1003');
    expect(formatOrderNumber(12, 'ORD-{$order.id}-X')).toBe('ORD-12-X');
    expect(formatOrderNumber(12, null)).toBe('#12');
  });
});

describe('redaction', () => {
  it('removes tokens from URLs and text', () => {
    expect(redactUrl('https://a/api.php/revoke?access_token=abc123&x=1')).toBe(
      'https://a/api.php/revoke?access_token=[hidden]&x=1',
    );
    expect(redactUrl('https://a/webasyst/?dealbridge-auth#access_token=abc')).toBe(
      'https://a/webasyst/?dealbridge-auth#access_token=[hidden]',
    );
    expect(redactText('Authorization: Bearer abcdef0123')).toBe('Authorization: Bearer [hidden]');
  });
});
