import { SyncItems } from '../sync-items/SyncItems';
import type { DealPanelState, MoreHost } from './state';
import { tm } from './more-i18n';
import { LinkOrder } from './LinkOrder';
import type { LinkOrderPorts } from './link-order';

/**
 * The deal panel's rarely shown parts, drawn by its second script under what deal-page.js
 * draws: a failure to load, a note that a refresh failed, this pair's sync items, and the
 * order picker of an unlinked deal.
 */
export function More({
  state,
  controller,
  ports,
  onClosePicker,
}: {
  state: DealPanelState;
  controller: MoreHost;
  ports: LinkOrderPorts;
  onClosePicker: () => void;
}) {
  const { view, retrying } = state;
  const onReload = () => controller.reload();
  if (view.kind === 'unlinked')
    return state.link.status === 'closed' ? null : (
      <LinkOrder state={state} controller={controller} ports={ports} onClose={onClosePicker} />
    );
  if (view.kind === 'error') return <ErrorNote message={describeError(view.code, view.message)} onReload={onReload} />;
  if (view.kind !== 'ready') return null;
  const { data } = view;
  return (
    <>
      {!data.order && data.orderError && (
        <ErrorNote message={describeError(data.orderError.code, data.orderError.message)} onReload={onReload} />
      )}
      {view.refreshError && (
        <div class="note" data-dealbridge="refresh-error">
          {tm('refreshFailed')}{' '}
          <button type="button" class="link" onClick={onReload}>
            {tm('reload')}
          </button>
        </div>
      )}
      <SyncItems
        pending={data.pending}
        problems={data.problems}
        onRetry={(id) => controller.retry(id)}
        isRetrying={(id) => retrying.includes(id)}
      />
    </>
  );
}

/** Known codes get the user's language; anything else keeps the background's own words. */
function describeError(code: string, message: string): string {
  switch (code) {
    case 'order_not_found':
      return tm('orderGone');
    case 'no_rights':
      return tm('noRights');
    case 'not_connected':
      return tm('notConnected');
    default:
      return message || tm('loadFailed');
  }
}

function ErrorNote({ message, onReload }: { message: string; onReload: () => void }) {
  return (
    <div class="error" role="alert" data-dealbridge="order-error">
      <span>{message}</span>{' '}
      <button type="button" class="link" onClick={onReload}>
        {tm('reload')}
      </button>
    </div>
  );
}
