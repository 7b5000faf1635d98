import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DealSummary } from '@/utils/messaging/models';
import { tp } from './panel-i18n';
import { StageBadge } from './StageBadge';
import { formatAmount, formatDate } from './format';

let nextId = 0;

/** About as many deals as the list shows without scrolling: beyond that it says how many there are. */
const VISIBLE_DEALS = 4;

/**
 * The customer's open deals without an order, as a searchable listbox. In the search field
 * (combobox pattern with aria-activedescendant) arrows move and Enter links the active deal;
 * Tab goes to the active deal itself (never to the scrolling list), where arrows move the
 * focus, Enter or Space links, and ArrowUp from the first returns to the search. Escape is
 * handled by the panel.
 */
export function DealPicker({
  deals,
  busy,
  onPick,
}: {
  deals: DealSummary[];
  busy: boolean;
  onPick: (deal: DealSummary) => void;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const ids = useMemo(() => `db-deals-${++nextId}`, []);
  const shown = useMemo(() => filterDeals(deals, query), [deals, query]);
  const activeIndex = Math.min(active, shown.length - 1);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [activeIndex]);

  const focusOption = (index: number) => {
    setActive(index);
    list.current?.querySelectorAll<HTMLElement>('[role="option"]')[index]?.focus();
  };
  const onOptionKeyDown = (event: KeyboardEvent, index: number) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusOption(Math.min(index + 1, shown.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) input.current?.focus();
      else focusOption(index - 1);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (!busy) onPick(shown[index]);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!shown.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + shown.length) % shown.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const deal = shown[activeIndex];
      if (deal && !busy) onPick(deal);
    }
  };

  if (!deals.length)
    return (
      <p class="db-empty" data-dealbridge="no-deals">
        {tp('noDeals')}
      </p>
    );
  return (
    <div class="db-picker-list">
      <input
        ref={input}
        type="search"
        class="db-search"
        // biome-ignore lint/a11y/noRedundantRoles: a search field is a searchbox unless told it controls the list.
        role="combobox"
        list={undefined}
        aria-expanded="true"
        aria-controls={ids}
        aria-autocomplete="list"
        aria-activedescendant={shown.length ? `${ids}-${activeIndex}` : undefined}
        aria-label={tp('searchDeals')}
        placeholder={tp('searchDeals')}
        value={query}
        onInput={(event) => {
          setQuery((event.currentTarget as HTMLInputElement).value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-dealbridge="deal-search"
      />
      {deals.length > VISIBLE_DEALS && (
        <p class="db-hint db-deal-count" data-dealbridge="deal-count">
          {tp('dealCount', { count: shown.length })}
        </p>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA listbox pattern, driven from the search field. */}
      <ul ref={list} id={ids} role="listbox" aria-label={tp('dealsOfCustomer')} class="db-options" tabIndex={-1}>
        {shown.map((deal, index) => (
          <li
            key={deal.id}
            id={`${ids}-${index}`}
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the options of that listbox.
            role="option"
            tabIndex={index === activeIndex ? 0 : -1}
            aria-selected={index === activeIndex}
            aria-disabled={busy}
            class={index === activeIndex ? 'db-option db-active' : 'db-option'}
            onMouseMove={() => index !== activeIndex && setActive(index)}
            onFocus={() => index !== activeIndex && setActive(index)}
            onKeyDown={(event) => onOptionKeyDown(event, index)}
            onClick={() => !busy && onPick(deal)}
            data-dealbridge="deal-option"
            data-deal-id={deal.id}
          >
            <span class="db-option-name">{deal.name}</span>
            <span class="db-option-meta">
              <span>{deal.funnelName}</span>
              <StageBadge deal={deal} />
              {deal.amount !== null && <span>{formatAmount(deal.amount, deal.currency)}</span>}
              {deal.createdAt && <span class="db-hint">{formatDate(deal.createdAt)}</span>}
            </span>
          </li>
        ))}
      </ul>
      {!shown.length && <p class="db-empty">{tp('noMatches', { query })}</p>}
    </div>
  );
}

/** Matches every word of the query against the deal's name, funnel and stage. */
function filterDeals(deals: DealSummary[], query: string): DealSummary[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return deals;
  return deals.filter((deal) => {
    const text = `${deal.name} ${deal.funnelName} ${deal.stageName} #${deal.id}`.toLocaleLowerCase();
    return words.every((word) => text.includes(word));
  });
}
