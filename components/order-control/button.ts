import { el, flatten, type Child } from '@/utils/dom/el';
import { builtinDisagreement, type ControlState } from './controller';
import { t } from './i18n';

export interface ButtonProps {
  state: ControlState;
  /** Waiting for the order's context or the panel's script (aria-busy at once). */
  busy: boolean;
  /** Show the spinner: the wait has lasted a while (the mount times it). */
  spinner: boolean;
  /** The panel's script could not be loaded (the extension was reloaded or updated). */
  panelFailed: boolean;
  onToggle: () => void;
  /** "Connect Dealbridge": opens Dealbridge's settings. */
  onConnect: () => void;
}

/** The control waits for the order's context, or, once opened, for the panel's script. */
export function isWaiting(state: ControlState, panelLoading: boolean): boolean {
  return state.context.status === 'loading' || (state.open && panelLoading);
}

/**
 * "Deal in CRM" among the order's action buttons: the linked deal's name and stage, or a
 * button that opens the panel. It ships with order-page.js, drawn without Preact to keep
 * that script small (the panel, ./Panel.tsx, comes with its own script on first open).
 * The same <button> stays across states, so the focus stays on it, and only what changed
 * is written: every write of an attribute the CSS matches on restyles the tree.
 */
export function createButton(container: HTMLElement): (props: ButtonProps) => void {
  const toggle = el('button', { type: 'button', 'aria-haspopup': 'dialog' });
  const connectText = document.createTextNode('');
  const connect = el(
    'button',
    { type: 'button', class: 'db-connect-hint', 'data-dealbridge': 'connect-hint' },
    el('span', { class: 'db-icon', 'aria-hidden': 'true' }),
    connectText,
  );
  const fallback = el('p', {
    class: 'db-fallback',
    role: 'alert',
    'data-dealbridge': 'problem',
    'data-code': 'extension_unavailable',
  });
  let handlers = { onToggle: () => {}, onConnect: () => {} };
  toggle.addEventListener('click', () => handlers.onToggle());
  connect.addEventListener('click', () => handlers.onConnect());
  let contentKey = '';

  return (props) => {
    handlers = props;
    const { state, busy, spinner } = props;
    const ctx = state.context.status === 'ready' ? state.context.data : null;
    // Before Dealbridge is connected: quiet, one line, the one thing to do.
    const shown = !state.view
      ? []
      : ctx && !ctx.connected
        ? [connect]
        : state.open && props.panelFailed
          ? [toggle, fallback]
          : [toggle];
    if (shown.length !== container.childNodes.length || shown.some((node, i) => container.childNodes[i] !== node))
      container.replaceChildren(...shown);
    if (shown[0] === connect) {
      if (connectText.data !== t('connect')) connectText.data = t('connect');
      attrs(connect, { title: t('connectTitle') });
    }
    if (shown[1] === fallback && fallback.textContent !== t('err_extension_unavailable'))
      fallback.textContent = t('err_extension_unavailable');
    if (shown[0] !== toggle) return;

    const deal = ctx?.deal ?? null;
    const problemCount = ctx?.problems.length ?? 0;
    const pendingCount = ctx?.pending.length ?? 0;
    const warn = problemCount > 0 || state.context.status === 'error' || builtinDisagreement(state) !== null;
    const stale = deal !== null && state.freshness !== 'fresh';
    // A long name is shortened on the button only: the tooltip and the accessible name keep it whole.
    const title = deal
      ? [deal.name, deal.stageName, stale ? t(state.freshness === 'checking' ? 'checking' : 'unchecked') : '']
          .filter(Boolean)
          .join(' · ')
      : null;
    attrs(toggle, {
      class: deal ? `db-toggle db-toggle-linked${stale ? ' db-stale' : ''}` : 'db-toggle',
      'aria-expanded': String(state.open),
      'aria-busy': String(busy || state.freshness === 'checking'),
      title,
      'data-dealbridge': deal ? 'linked-toggle' : 'open-picker',
      'data-freshness': deal ? state.freshness : null,
    });
    const color = deal?.stageColor && /^#[0-9a-f]{3,8}$/i.test(deal.stageColor) ? deal.stageColor : null;
    const parts: Child[] = [
      el('span', { class: 'db-icon', 'aria-hidden': 'true' }),
      deal
        ? [
            el('span', { class: 'db-name', 'data-dealbridge': 'linked-deal' }, deal.name),
            // The stage as CRM shows it: its name on the stage's own colour (only hex colours reach the style).
            el('span', { class: 'db-stage', style: color && `--db-stage: ${color}` }, deal.stageName),
            deal.status !== 'OPEN' &&
              el('span', { class: `db-status db-status-${deal.status.toLowerCase()}` }, t(`status_${deal.status}`)),
          ]
        : el('span', null, t('dealInCrm')),
      spinner && el('span', { class: 'db-spinner', 'aria-label': t('loading') }),
      warn && el('span', { class: 'db-badge db-badge-warn' }, problemCount || '!'),
      !warn && pendingCount > 0 && el('span', { class: 'db-badge' }, pendingCount),
    ];
    const key = JSON.stringify([
      deal && [deal.name, deal.stageName, color, deal.status],
      spinner,
      warn,
      problemCount,
      pendingCount,
      t('dealInCrm'),
    ]);
    if (key !== contentKey) {
      contentKey = key;
      toggle.replaceChildren(...flatten(parts));
    }
  };
}

/** Writes the attributes that differ; null removes one. */
function attrs(element: HTMLElement, values: Record<string, string | null>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === null) element.removeAttribute(name);
    else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }
}
