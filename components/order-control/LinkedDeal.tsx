import type { DealSummary } from '@/utils/messaging/models';
import { t, type MessageKey } from './i18n';
import { tp } from './panel-i18n';
import { StageBadge } from './StageBadge';
import { formatAmount, safeHref } from './format';

/** The linked deal's details: funnel, stage, status, owner, amount, and a link that opens it. */
export function LinkedDeal({ deal }: { deal: DealSummary }) {
  const amount = formatAmount(deal.amount, deal.currency);
  return (
    <div class="db-linked" data-dealbridge="linked-details">
      <h3 class="db-title">{deal.name}</h3>
      <dl>
        <dt>{tp('funnel')}</dt>
        <dd>{deal.funnelName}</dd>
        <dt>{tp('stage')}</dt>
        <dd>
          <StageBadge deal={deal} />
        </dd>
        <dt>{tp('status')}</dt>
        <dd class={`db-status db-status-${deal.status.toLowerCase()}`} data-dealbridge="deal-status">
          {t(`status_${deal.status}` as MessageKey)}
        </dd>
        <dt>{tp('owner')}</dt>
        <dd>{deal.ownerName ?? tp('notAssigned')}</dd>
        {amount && <dt>{tp('amount')}</dt>}
        {amount && <dd>{amount}</dd>}
      </dl>
      <a class="db-button db-primary" href={safeHref(deal.url)} data-dealbridge="open-deal">
        {tp('openDeal')}
      </a>
    </div>
  );
}
