import { badgeState, type BadgeInput, type BadgeState } from './state';

/** The slice of `browser.action` the badge needs (Chrome's MV3 action; Firefox has the same API). */
export interface ActionApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setBadgeTextColor?(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

export interface BadgeUpdater<T extends BadgeInput> {
  /** Recompute after `delayMs` (default: the debounce); many calls in a burst make one update. */
  schedule(delayMs?: number): void;
  /** Show a state computed elsewhere (e.g. from a status the popup just read). */
  show(input: T): Promise<BadgeState>;
  /** Recompute now and wait for it (tests, start-up). */
  refresh(): Promise<BadgeState | null>;
}

/**
 * Keeps the toolbar badge and title in step with the status. Reads are debounced and
 * never overlap; the action API is called only when what it shows changes.
 */
export function createBadgeUpdater<T extends BadgeInput>(options: {
  action: ActionApi;
  read: () => Promise<T>;
  debounceMs?: number;
  /** Called after every read or show, with what was read (e.g. to announce new problems). */
  onShown?: (state: BadgeState, input: T) => void;
}): BadgeUpdater<T> {
  const debounceMs = options.debounceMs ?? 300;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<BadgeState | null> | null = null;
  let again = false;
  let shown: BadgeState | null = null;

  async function show(input: T): Promise<BadgeState> {
    const next = badgeState(input);
    if (!shown || shown.text !== next.text || shown.color !== next.color || shown.title !== next.title) {
      await options.action.setBadgeText({ text: next.text });
      if (next.color) {
        await options.action.setBadgeBackgroundColor({ color: next.color });
        await options.action.setBadgeTextColor?.({ color: '#FFFFFF' });
      }
      await options.action.setTitle({ title: next.title });
      shown = next;
    }
    options.onShown?.(next, input);
    return next;
  }

  async function refresh(): Promise<BadgeState | null> {
    if (running !== null) {
      // A change arrived during a read: read once more when this one ends, so it is not missed.
      again = true;
      return running;
    }
    running = (async () => {
      try {
        return await show(await options.read());
      } catch (error) {
        console.warn('Dealbridge: could not update the badge', error);
        return null;
      } finally {
        running = null;
        if (again) {
          again = false;
          schedule();
        }
      }
    })();
    return running;
  }

  function schedule(delayMs = debounceMs): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void refresh();
    }, delayMs);
  }

  return { schedule, show, refresh };
}
