// crm.funnel.list, crm.user.me/list, crm.currency.list, crm.field.list.
import type { ApiMethod } from '../registry';
import { fullName, userpic } from './format';

export const miscMethods: Record<string, ApiMethod> = {
  'crm.funnel.list': {
    verb: 'GET',
    run(call) {
      const withCount = call.get('with_count') === '1';
      return call.state.funnels.map((f) => {
        const open = [...call.state.deals.values()].filter((d) => d.funnelId === f.id && d.statusId === 'OPEN');
        const row: Record<string, unknown> = {
          id: f.id,
          name: f.name,
          sort: f.sort,
          icon: f.icon,
          color: f.color,
          open_color: f.openColor,
          close_color: f.closeColor,
          is_archived: f.isArchived,
          stages: f.stages.map((s) => {
            const stage: Record<string, unknown> = {
              id: s.id,
              funnel_id: s.funnelId,
              name: s.name,
              number: s.number,
              limit_hours: s.limitHours,
              color: s.color,
            };
            if (withCount) stage.deal_count = open.filter((d) => d.stageId === s.id).length;
            return stage;
          }),
          is_pinned: f.isPinned,
        };
        if (withCount) {
          row.deal_count = open.length;
          row.deal_total_amount = open.reduce((sum, d) => sum + (d.amount ?? 0) * d.currencyRate, 0);
          row.currency_id = call.state.primaryCurrency().code;
        }
        return row;
      });
    },
  },
  'crm.user.me': {
    verb: 'GET',
    run: (call) => ({ id: call.user.id, name: fullName(call.user), userpic: userpic(call.state) }),
  },
  'crm.user.list': {
    verb: 'GET',
    run: (call) =>
      call.state
        .users()
        .filter((u) => u.rights && u.rights.crm !== 'none')
        .map((u) => ({ id: u.id, name: fullName(u), userpic: userpic(call.state) })),
  },
  'crm.currency.list': {
    verb: 'GET',
    run: (call) =>
      call.state.currencies.map((c) => ({ id: c.code, name: c.title, is_primary: c.isPrimary, rate: c.rate })),
  },
  'crm.field.list': {
    verb: 'GET',
    // No custom deal fields are configured in the simulated CRM.
    run: () => [],
  },
  'crm.deal.lostreason.list': {
    verb: 'GET',
    run: (call) => ({
      required: false,
      allow_custom: true,
      lostreasons: call.state.lostReasons.map((r) => ({ ...r })),
    }),
  },
};
