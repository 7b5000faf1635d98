import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanColor, toDealSummary, type SummaryCatalog } from '@/utils/deals/summary';
import { dealUrl } from '@/utils/webasyst/urls';

const captures = resolve(__dirname, '../../../../shared/webasyst/captures');
const read = (name: string) => JSON.parse(readFileSync(resolve(captures, name), 'utf8'));

const funnels = read('crm.funnel.list.json') as Array<{
  id: number;
  name: string;
  color: string;
  stages: Array<{ id: number; name: string; color: string }>;
}>;
const catalog: SummaryCatalog = {
  funnels: funnels.map((f) => ({
    id: f.id,
    name: f.name,
    color: f.color,
    stages: f.stages.map((s) => ({ id: s.id, name: s.name, color: s.color })),
  })),
  users: read('crm.user.list.json'),
};

describe('toDealSummary', () => {
  it('summarises crm.deal.info with the catalog (owner from user_contact_id)', () => {
    const info = read('crm.deal.info_6_linked_order1.json');
    const summary = toDealSummary(info, catalog, 'http://shop.test/');
    expect(summary).toMatchObject({
      id: 6,
      name: 'Order #1001',
      funnelName: 'Sales',
      funnelColor: '#6bb532',
      stageName: 'Working with objections',
      stageColor: '#A3D180',
      status: 'OPEN',
      ownerName: 'Admin Tester',
      amount: 34.99,
      currency: 'USD',
      url: 'http://shop.test/webasyst/crm/deal/6/',
    });
  });

  it('summarises crm.deal.list items using their embedded funnel and stage when the catalog lacks them', () => {
    const item = read('crm.deal.list.json').data[0];
    const summary = toDealSummary(item, { funnels: [], users: [] }, 'http://shop.test');
    expect(summary.funnelName).toBe(item.funnel.name);
    expect(summary.stageName).toBe(item.stage.name);
    expect(summary.ownerName).toBeNull();
    expect(summary.createdAt).toBe(item.create_datetime);
  });

  it('prefers the deal’s own amount over the converted one in list items', () => {
    const summary = toDealSummary(
      {
        id: 9,
        name: 'X',
        funnel_id: 1,
        stage_id: 1,
        status_id: 'WON',
        amount: 100,
        currency_id: 'USD',
        original_amount: 90,
        original_currency_id: 'EUR',
      },
      catalog,
      'http://shop.test/',
    );
    expect(summary).toMatchObject({ amount: 90, currency: 'EUR', status: 'WON' });
  });
});

describe('cleanColor / dealUrl', () => {
  it('keeps hex colours and drops anything that could be CSS', () => {
    expect(cleanColor('#ABCDEF')).toBe('#ABCDEF');
    expect(cleanColor('red;background:url(x)')).toBeNull();
    expect(cleanColor(null)).toBeNull();
  });
  it('builds the stable deal URL', () => {
    expect(dealUrl('https://a.b/shop/', 3)).toBe('https://a.b/shop/webasyst/crm/deal/3/');
  });
});
