import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

let nextId = 0;

export interface SearchPickerProps<T> {
  items: T[];
  busy: boolean;
  onPick: (item: T) => void;
  /** Stable key of an item (also its `data-<kind>-id`). */
  id: (item: T) => number;
  /** The text the search matches every word of the query against. */
  text: (item: T) => string;
  option: (item: T) => ComponentChildren;
  /** Test hooks: `<kind>-search`, `<kind>-count`, `<kind>-option` with `data-<kind>-id`. */
  kind: 'deal' | 'order';
  labels: { search: string; list: string; count: (shown: number) => string; noMatches: (query: string) => string };
  /** Above this many items the list says how many it shows (about what fits without scrolling). */
  countAbove?: number;
}

/**
 * A searchable listbox, the pickers' shared keyboard model. In the search field (combobox
 * pattern with aria-activedescendant) arrows move and Enter picks the active item; Tab goes
 * to the active item itself (never to the scrolling list), where arrows move the focus,
 * Enter or Space picks, and ArrowUp from the first returns to the search. Escape is the
 * surrounding panel's. Every item's text is rendered as text.
 */
export function SearchPicker<T>({
  items,
  busy,
  onPick,
  id,
  text,
  option,
  kind,
  labels,
  countAbove = 4,
}: SearchPickerProps<T>) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const ids = useMemo(() => `db-${kind}s-${++nextId}`, []);
  const shown = useMemo(() => filterByWords(items, query, text), [items, query]);
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
      const item = shown[activeIndex];
      if (item && !busy) onPick(item);
    }
  };

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
        aria-label={labels.search}
        placeholder={labels.search}
        value={query}
        onInput={(event) => {
          setQuery((event.currentTarget as HTMLInputElement).value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-dealbridge={`${kind}-search`}
      />
      {items.length > countAbove && (
        <p class="db-hint db-deal-count" data-dealbridge={`${kind}-count`}>
          {labels.count(shown.length)}
        </p>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA listbox pattern, driven from the search field. */}
      <ul ref={list} id={ids} role="listbox" aria-label={labels.list} class="db-options" tabIndex={-1}>
        {shown.map((item, index) => (
          <li
            key={id(item)}
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
            onClick={() => !busy && onPick(item)}
            data-dealbridge={`${kind}-option`}
            {...{ [`data-${kind}-id`]: id(item) }}
          >
            {option(item)}
          </li>
        ))}
      </ul>
      {!shown.length && <p class="db-empty">{labels.noMatches(query)}</p>}
    </div>
  );
}

/** The items whose text contains every word of the query (case-insensitive). */
function filterByWords<T>(items: T[], query: string, text: (item: T) => string): T[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return items;
  return items.filter((item) => {
    const haystack = text(item).toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
