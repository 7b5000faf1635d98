// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseRunMarker, runInShopUrl, withoutRunMarker } from '@/utils/webasyst/urls';
import { takeRunMarker } from '@/utils/pages/shop/run-marker';

describe('the run-in-shop marker', () => {
  it('round-trips through the order page address', () => {
    const url = new URL(runInShopUrl('https://shop.example.com', 1007, 'pay'));
    expect(url.href).toBe(
      'https://shop.example.com/webasyst/shop/?action=orders&dealbridge_run=1007%3Apay#/order/1007/',
    );
    expect(parseRunMarker(url.search)).toEqual({ orderId: 1007, actionId: 'pay' });
    expect(withoutRunMarker(url.search)).toBe('?action=orders');
  });

  it.each([
    '',
    '?action=orders',
    '?dealbridge_run=',
    '?dealbridge_run=x%3Apay',
    '?dealbridge_run=7%3A',
    '?dealbridge_run=7%3A%3Cscript%3E',
    '?dealbridge_run=-7%3Apay',
  ])('ignores %j', (search) => {
    expect(parseRunMarker(search)).toBeNull();
  });

  it('is taken from the address once: the address no longer carries it', () => {
    window.history.replaceState(null, '', '/webasyst/shop/?action=orders&dealbridge_run=3%3Aship#/order/3/');
    expect(takeRunMarker(window)).toEqual({ orderId: 3, actionId: 'ship' });
    expect(window.location.search + window.location.hash).toBe('?action=orders#/order/3/');
    expect(takeRunMarker(window)).toBeNull();
  });
});
