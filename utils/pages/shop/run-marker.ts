import { parseRunMarker, withoutRunMarker, type RunMarker } from '../../webasyst/urls';

/**
 * Takes the "open this action's form" marker a Dealbridge link put in the order page's
 * address, and removes it from the address at once: a reload or a bookmark never opens
 * the form again.
 */
export function takeRunMarker(win: Window): RunMarker | null {
  const marker = parseRunMarker(win.location.search);
  if (!marker) return null;
  const { pathname, search, hash } = win.location;
  win.history.replaceState(win.history.state, '', `${pathname}${withoutRunMarker(search)}${hash}`);
  return marker;
}
