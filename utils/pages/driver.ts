/**
 * What every page driver is: the only code that reads its page's DOM. `start` puts the
 * extension's host element where it belongs and keeps it there while the page re-renders,
 * and pushes what the page shows as events; `stop` takes the host off the page and stops
 * listening. Both the Shop order page (./shop) and the CRM deal page (./crm) drive this way.
 */
export interface PageDriver<Events> {
  start(host: HTMLElement, events: Events): void;
  stop(): void;
}
