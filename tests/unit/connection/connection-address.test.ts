import { describe, expect, it } from 'vitest';
import { AddressError, normalizeAddress, originPatternOf, rootPaths } from '@/utils/connection/address';

describe('normalizeAddress: whatever form the person has', () => {
  const cases: Array<[string, string[]]> = [
    ['https://shop.example.com', ['https://shop.example.com/']],
    ['https://shop.example.com/', ['https://shop.example.com/']],
    ['  https://shop.example.com///  ', ['https://shop.example.com/']],
    ['https://shop.example.com/webasyst/', ['https://shop.example.com/']],
    ['https://shop.example.com/webasyst', ['https://shop.example.com/']],
    ['https://shop.example.com/webasyst/shop/?action=orders#/order/3/', ['https://shop.example.com/']],
    ['https://example.com/wa/webasyst/crm/deal/6/history', ['https://example.com/wa/']],
    ['https://example.com/wa/api.php/shop.order.search?access_token=x', ['https://example.com/wa/']],
    ['http://127.0.0.1:8080/webasyst/', ['http://127.0.0.1:8080/']],
    ['127.0.0.1:8080', ['http://127.0.0.1:8080/']],
    ['localhost:3000/webasyst/shop/', ['http://localhost:3000/']],
    ['HTTPS://Shop.Example.COM/WebAsyst/', ['https://shop.example.com/']],
    ['<https://shop.example.com/>', ['https://shop.example.com/']],
  ];
  for (const [input, candidates] of cases) {
    it(`${JSON.stringify(input)} → ${candidates.join(', ')}`, () => {
      expect(normalizeAddress(input).candidates).toEqual(candidates);
    });
  }

  it('without a scheme, https is tried first and http after', () => {
    expect(normalizeAddress('shop.example.com/webasyst/').candidates).toEqual([
      'https://shop.example.com/',
      'http://shop.example.com/',
    ]);
  });

  it('a storefront page: the root first, then its folders (installations may live in a folder)', () => {
    expect(normalizeAddress('https://example.com/shop/category/chairs/').candidates).toEqual([
      'https://example.com/',
      'https://example.com/shop/',
      'https://example.com/shop/category/',
      'https://example.com/shop/category/chairs/',
    ]);
    expect(rootPaths('/a/b/c/d/e/f/')).toHaveLength(4);
    expect(rootPaths('/blog/post.html')).toEqual(['/', '/blog/']);
  });

  it('asks for both schemes of a public host (http may redirect to https), one scheme for loopback', () => {
    expect(normalizeAddress('http://shop.example.com:8443/x').permissionOrigins).toEqual([
      'https://shop.example.com/*',
      'http://shop.example.com/*',
    ]);
    expect(normalizeAddress('http://127.0.0.1:41234/').permissionOrigins).toEqual(['http://127.0.0.1/*']);
  });

  it('drops credentials, query and hash', () => {
    const n = normalizeAddress('https://user:pass@shop.example.com/webasyst/?x=1#y');
    expect(n.candidates).toEqual(['https://shop.example.com/']);
    expect(n.host).toBe('shop.example.com');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['ftp://shop.example.com/', 'unsupported_scheme'],
    ['mailto:admin@example.com', 'unsupported_scheme'],
    ['shop', 'invalid'],
    ['not an address', 'invalid'],
    ['https://', 'invalid'],
  ])('%j is refused (%s)', (input, problem) => {
    try {
      normalizeAddress(input);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(AddressError);
      expect((error as AddressError).problem).toBe(problem);
    }
  });

  it('origin pattern of a root covers every port of its host', () => {
    expect(originPatternOf('http://127.0.0.1:41234/wa/')).toBe('http://127.0.0.1/*');
  });
});
