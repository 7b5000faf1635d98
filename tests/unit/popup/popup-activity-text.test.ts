import { afterEach, describe, expect, it } from 'vitest';
import { activitySentence, describeActivity } from '@/components/popup/activity-text';
import { setLanguage } from '@/utils/i18n';
import { activityEntry, BASE } from './fixtures';

afterEach(() => setLanguage(null));

describe('activity sentences', () => {
  it('says what happened, why, and links the deal', () => {
    setLanguage('en');
    const entry = activityEntry();
    expect(activitySentence(entry, BASE)).toBe(
      'Order #1003: Paid → deal “Office chairs” moved to Invoice sent (rule: Paid → Invoice sent, funnel Sales)',
    );
    expect(describeActivity(entry, BASE)).toContainEqual({
      text: 'deal “Office chairs”',
      href: `${BASE}webasyst/crm/deal/6/`,
    });
  });

  it.each([
    [
      { kind: 'deal_created', to: 'New', trigger: 'New order #1004', rule: null, funnelName: 'Sales' },
      'New order #1004 → deal “Office chairs” created in stage New (funnel Sales)',
    ],
    [
      { kind: 'deal_linked', trigger: null, rule: null, funnelName: null },
      'Deal “Office chairs” linked to order #1003',
    ],
    [
      { kind: 'deal_moved', from: 'New', trigger: null },
      'Deal “Office chairs” moved from New to Invoice sent (rule: Paid → Invoice sent, funnel Sales)',
    ],
    [
      { kind: 'deal_closed', to: 'WON', rule: 'Completed → won' },
      'Order #1003: Paid → deal “Office chairs” closed as won (rule: Completed → won, funnel Sales)',
    ],
    [
      { kind: 'deal_reopened', rule: null, funnelName: null, trigger: 'Order #1003: Restored' },
      'Order #1003: Restored → deal “Office chairs” reopened',
    ],
    [
      { kind: 'order_action', to: 'Complete', trigger: 'Deal “Office chairs”: Won', rule: 'Won → Complete' },
      'Deal “Office chairs”: Won → action “Complete” ran on order #1003 (rule: Won → Complete, funnel Sales)',
    ],
    [
      { kind: 'deal_moved', outcome: 'already' },
      'Order #1003: Paid → deal “Office chairs” moved to Invoice sent (rule: Paid → Invoice sent, funnel Sales) — already so',
    ],
    [
      { kind: 'deal_moved', outcome: 'failed' },
      'Order #1003: Paid → deal “Office chairs” moved to Invoice sent (rule: Paid → Invoice sent, funnel Sales) — failed',
    ],
    [
      { kind: 'problem', outcome: 'failed', to: 'sign in to Webasyst', rule: null },
      'Order #1003: Paid → needs attention: sign in to Webasyst (funnel Sales)',
    ],
    [
      { kind: 'deal_moved', dealName: null, trigger: null, rule: null, funnelName: null },
      'Deal #6 moved to Invoice sent',
    ],
    [
      { kind: 'problem', outcome: 'failed', to: null, rule: 'Paid → Proposal Making (Sales)', funnelName: null },
      'Order #1003: Paid → deal “Office chairs” needs attention (rule: Paid → Proposal Making (Sales))',
    ],
    [
      {
        kind: 'problem',
        outcome: 'failed',
        to: null,
        dealId: null,
        dealName: null,
        rule: null,
        funnelName: null,
        trigger: null,
      },
      'Order #1003 needs attention',
    ],
    [
      { kind: 'resolved', outcome: 'already', to: null, rule: null, funnelName: null },
      'Order #1003: Paid → deal “Office chairs”: resolved',
    ],
    [
      { kind: 'deal_moved', rule: 'Paid → Invoice sent (Sales)', funnelName: 'Sales' },
      'Order #1003: Paid → deal “Office chairs” moved to Invoice sent (rule: Paid → Invoice sent (Sales))',
    ],
  ] as const)('describes %o', (overrides, sentence) => {
    setLanguage('en');
    expect(activitySentence(activityEntry(overrides as never), BASE)).toBe(sentence);
  });

  it('speaks Russian', () => {
    setLanguage('ru');
    expect(
      activitySentence(
        activityEntry({
          trigger: 'Заказ #1003: Оплачен',
          rule: 'Оплачен → Счёт выставлен',
          to: 'Счёт выставлен',
          funnelName: 'Продажи',
        }),
        BASE,
      ),
    ).toBe(
      'Заказ #1003: Оплачен → сделка «Office chairs» перемещена на этап Счёт выставлен (правило: Оплачен → Счёт выставлен, воронка Продажи)',
    );
    expect(
      activitySentence(
        activityEntry({ kind: 'deal_closed', to: 'LOST', trigger: null, rule: null, funnelName: null }),
        BASE,
      ),
    ).toBe('Сделка «Office chairs» закрыта: проиграна');
  });

  it('keeps hostile names as plain text and never builds a link from a bad base', () => {
    setLanguage('en');
    const hostile = '<img src=x onerror=alert(1)>{to}';
    const segments = describeActivity(activityEntry({ dealName: hostile }), 'javascript:alert(1)//');
    expect(segments.some((segment) => segment.href)).toBe(false);
    expect(segments.map((s) => s.text).join('')).toContain(`deal “${hostile}” moved to Invoice sent`);
  });
});
