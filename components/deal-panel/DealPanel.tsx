import { useState } from 'preact/hooks';
import { currentLanguage, formatMoney } from '@/utils/i18n';
import type { LinkedOrder as Order } from '@/utils/messaging/messages/deal-page';
import { t } from './i18n';
import { SyncItems } from '../sync-items/SyncItems';
import { formatQuantity, formatShopDate, type PanelView } from './view';

export interface DealPanelProps {
  view: PanelView;
  onReload: () => void;
  onRetry: (itemId: string) => void;
  retrying: ReadonlySet<string>;
}

/** The linked order in the deal's sidebar. Every piece of data is rendered as text. */
export function DealPanel({ view, onReload, onRetry, retrying }: DealPanelProps) {
  if (view.kind === 'hidden') return null;
  return (
    <section class="panel" aria-busy={view.kind === 'loading'}>
      <div class="heading">{t('title')}</div>
      {view.kind === 'loading' && (
        <div class="muted" data-dealbridge="order-loading">
          {t('loading')}
        </div>
      )}
      {view.kind === 'error' && <ErrorNote message={describeError(view.code, view.message)} onReload={onReload} />}
      {view.kind === 'ready' && (
        <>
          {view.data.order ? (
            <OrderBody key={view.data.order.orderId} order={view.data.order} />
          ) : (
            view.data.orderError && (
              <ErrorNote
                message={describeError(view.data.orderError.code, view.data.orderError.message)}
                onReload={onReload}
              />
            )
          )}
          {view.refreshError && (
            <div class="note" data-dealbridge="refresh-error">
              {t('refreshFailed')}{' '}
              <button type="button" class="link" onClick={onReload}>
                {t('reload')}
              </button>
            </div>
          )}
          <SyncItems
            pending={view.data.pending}
            problems={view.data.problems}
            onRetry={onRetry}
            isRetrying={(id) => retrying.has(id)}
          />
        </>
      )}
    </section>
  );
}

/** Known codes get the user's language; anything else keeps the background's own words. */
function describeError(code: string, message: string): string {
  switch (code) {
    case 'order_not_found':
      return t('orderGone');
    case 'no_rights':
      return t('noRights');
    case 'not_connected':
      return t('notConnected');
    default:
      return message || t('loadFailed');
  }
}

function ErrorNote({ message, onReload }: { message: string; onReload: () => void }) {
  return (
    <div class="error" role="alert" data-dealbridge="order-error">
      <span>{message}</span>{' '}
      <button type="button" class="link" onClick={onReload}>
        {t('reload')}
      </button>
    </div>
  );
}

/** Items shown before "Show all N items": enough to recognise the order, short enough for the sidebar. */
const ITEMS_SHOWN = 5;

/**
 * The order itself. A long order shows its first ITEMS_SHOWN items and a button that expands
 * the list in place, so CRM's own fields below the panel stay within reach; discount,
 * shipping and tax are shown only when the order has them (subtotal and total always are).
 */
function OrderBody({ order }: { order: Order }) {
  const [expanded, setExpanded] = useState(false);
  const locale = currentLanguage() === 'ru' ? 'ru-RU' : 'en-US';
  const money = (amount: number) => formatMoney(amount, order.currency);
  const collapsible = order.items.length > ITEMS_SHOWN;
  return (
    <>
      <div class="title">
        <a class="number" href={order.url} title={t('open')} data-dealbridge="order-number">
          {order.number}
        </a>
        <span
          class="state"
          style={order.state.color ? { color: order.state.color } : undefined}
          data-dealbridge="order-state"
        >
          {order.state.name}
        </span>
      </div>
      <div class={order.paidAt ? 'paid' : 'muted'} data-dealbridge="order-paid">
        {order.paidAt ? t('paid', { date: formatShopDate(order.paidAt, locale) }) : t('notPaid')}
      </div>
      <ul class="items" id="dealbridge-order-items">
        {order.items.length === 0 && <li class="muted">{t('noItems')}</li>}
        {order.items.map((item, index) => (
          <li
            key={item.id}
            class="item"
            data-dealbridge="order-item"
            hidden={collapsible && !expanded && index >= ITEMS_SHOWN}
          >
            <Line
              name={item.name}
              sku={item.sku}
              quantity={item.quantity}
              price={item.price}
              total={item.total}
              locale={locale}
              money={money}
            />
            {item.services.length > 0 && (
              <ul class="services">
                {item.services.map((service) => (
                  <li key={service.id} class="service" data-dealbridge="order-service">
                    <Line
                      name={service.name}
                      sku={null}
                      quantity={service.quantity}
                      price={service.price}
                      total={service.total}
                      locale={locale}
                      money={money}
                    />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {collapsible && (
        <button
          type="button"
          class="link show-all"
          aria-expanded={expanded}
          aria-controls="dealbridge-order-items"
          data-dealbridge="show-all-items"
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('showFewer', { count: ITEMS_SHOWN }) : t('showAll', { count: order.items.length })}
        </button>
      )}
      <dl class="totals">
        <Total label={t('subtotal')} value={money(order.subtotal)} hook="order-subtotal" />
        {hasAmount(order.discount) && (
          <Total label={t('discount')} value={`−${money(order.discount)}`} hook="order-discount" />
        )}
        {hasAmount(order.shipping) && (
          <Total label={t('shipping')} value={money(order.shipping)} hook="order-shipping" />
        )}
        {hasAmount(order.tax) && <Total label={t('tax')} value={money(order.tax)} hook="order-tax" />}
        <Total label={t('total')} value={money(order.total)} hook="order-total" strong />
      </dl>
    </>
  );
}

/** An amount that would not print as zero. */
function hasAmount(amount: number): boolean {
  return Math.round(amount * 100) !== 0;
}

interface LineProps {
  name: string;
  sku: string | null;
  quantity: number;
  price: number;
  total: number;
  locale: string;
  money: (amount: number) => string;
}

function Line({ name, sku, quantity, price, total, locale, money }: LineProps) {
  return (
    <div class="line">
      <div class="what">
        <div class="name">{name}</div>
        <div class="muted small">
          {sku && <span class="sku">{t('sku', { sku })} · </span>}
          {t('quantityPrice', { quantity: formatQuantity(quantity, locale), price: money(price) })}
        </div>
      </div>
      <div class="amount">{money(total)}</div>
    </div>
  );
}

function Total({ label, value, hook, strong }: { label: string; value: string; hook: string; strong?: boolean }) {
  return (
    <div class={strong ? 'row strong' : 'row'} data-dealbridge={hook}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
