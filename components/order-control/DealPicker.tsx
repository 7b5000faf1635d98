import type { DealSummary } from '@/utils/messaging/models';
import { SearchPicker } from '../picker/SearchPicker';
import { tp } from './panel-i18n';
import { StageBadge } from './StageBadge';
import { formatAmount, formatDate } from './format';

/** The customer's open deals without an order, as a searchable listbox (../picker/SearchPicker.tsx). */
export function DealPicker({
  deals,
  busy,
  onPick,
}: {
  deals: DealSummary[];
  busy: boolean;
  onPick: (deal: DealSummary) => void;
}) {
  if (!deals.length)
    return (
      <p class="db-empty" data-dealbridge="no-deals">
        {tp('noDeals')}
      </p>
    );
  return (
    <SearchPicker
      items={deals}
      busy={busy}
      onPick={onPick}
      id={(deal) => deal.id}
      text={dealText}
      kind="deal"
      labels={{
        search: tp('searchDeals'),
        list: tp('dealsOfCustomer'),
        count: (count) => tp('dealCount', { count }),
        noMatches: (query) => tp('noMatches', { query }),
      }}
      option={(deal) => (
        <>
          <span class="db-option-name">{deal.name}</span>
          <span class="db-option-meta">
            <span>{deal.funnelName}</span>
            <StageBadge deal={deal} />
            {deal.amount !== null && <span>{formatAmount(deal.amount, deal.currency)}</span>}
            {deal.createdAt && <span class="db-hint">{formatDate(deal.createdAt)}</span>}
          </span>
        </>
      )}
    />
  );
}

const dealText = (deal: DealSummary) => `${deal.name} ${deal.funnelName} ${deal.stageName} #${deal.id}`;
