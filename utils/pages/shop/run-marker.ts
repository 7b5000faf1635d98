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

/**
 * The order event that opens the marker's form: the first order shown is the one the link
 * was for, or the wish is void (one shot). `open` presses the action's button on the page.
 */
export function openOnArrival<View extends { orderId: number }>(
  marker: RunMarker | null,
  open: (orderId: number, actionId: string) => boolean,
  next: (view: View) => void,
): (view: View) => void {
  let wish = marker;
  return (view) => {
    next(view);
    if (!wish) return;
    const { orderId, actionId } = wish;
    wish = null;
    if (orderId === view.orderId) open(orderId, actionId);
  };
}
