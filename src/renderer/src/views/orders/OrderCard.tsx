import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OrderRecord } from '../../../../shared/contract/record-schemas';
import { formatDuration, formatYuan } from '../../components/format';

/** A card stays highlighted this long after it arrived, so a glance finds what is new. */
export const FRESH_MS = 30_000;

export interface OrderCardProps {
  order: OrderRecord;
  now: number;
  busy: boolean;
  onAccept(orderNo: string): void;
  onDone(orderNo: string): void;
  onCancel(orderNo: string): void;
  onReprint(orderNo: string): void;
}

/** The ticket's state in a line, and its tone: a failure is red, a retry amber. */
function printLine(t: TFunction, print: OrderRecord['print']): { text: string; tone: string } | null {
  if (!print) return null;
  const error = print.lastError ?? '';
  switch (print.status) {
    case 'failed':
      return { text: t('orders.print.failed', { error }), tone: 'bad' };
    case 'pending':
      return print.lastError
        ? { text: t('orders.print.retrying', { error }), tone: 'warn' }
        : { text: t('orders.print.pending'), tone: 'muted' };
    case 'printing':
      return { text: t('orders.print.printing'), tone: 'muted' };
    case 'printed':
      return { text: t('orders.print.printed'), tone: 'muted' };
  }
}

export function OrderCard({ order, now, busy, onAccept, onDone, onCancel, onReprint }: OrderCardProps) {
  const { t } = useTranslation();
  const print = printLine(t, order.print);
  const fresh = order.status === 'new' && now - order.createdAt < FRESH_MS;
  const itemCount = order.items.reduce((n, item) => n + item.qty, 0);
  return (
    <article
      className={`order-card ${fresh ? 'is-fresh' : ''} ${order.rushCount > 0 ? 'is-rushed' : ''}`}
      data-testid={`order-${order.orderNo}`}
      aria-label={order.orderNo}
    >
      <header className="order-card-head">
        <span className="order-no">{order.orderNo}</span>
        {order.rushCount > 0 && (
          <span className="badge badge-rush" data-testid="rush-badge">
            {t('orders.rushBadge', { n: order.rushCount })}
          </span>
        )}
        <span className="order-amount">¥{formatYuan(order.amountFen)}</span>
      </header>
      <div className="order-meta">
        <span>{t('orders.since', { time: formatDuration(now - order.createdAt) })}</span>
        {itemCount > 0 && <span>{t('orders.items', { n: itemCount })}</span>}
        {order.customer?.name && <span>{t('orders.customer', { name: order.customer.name })}</span>}
        {order.customer?.phoneTail && (
          <span>{t('orders.phoneTail', { tail: order.customer.phoneTail })}</span>
        )}
      </div>
      {order.items.length > 0 && (
        <ul className="order-items">
          {order.items.slice(0, 4).map((item, i) => (
            <li key={i}>
              <span className="item-name">{item.name}</span>
              <span className="item-qty">×{item.qty}</span>
            </li>
          ))}
          {order.items.length > 4 && <li className="muted">…</li>}
        </ul>
      )}
      {order.note && <p className="order-note">{t('orders.note', { note: order.note })}</p>}
      {print && (
        <p
          className={`order-print tone-${print.tone}`}
          data-testid="order-print"
          role={print.tone === 'bad' ? 'alert' : undefined}
        >
          {print.text}
        </p>
      )}
      <footer className="order-actions">
        {order.status === 'new' ? (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => onAccept(order.orderNo)}
          >
            {t('orders.accept')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => onDone(order.orderNo)}
          >
            {t('orders.done')}
          </button>
        )}
        <button
          type="button"
          className="btn btn-quiet"
          disabled={busy}
          onClick={() => onCancel(order.orderNo)}
        >
          {t('orders.cancel')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => onReprint(order.orderNo)}>
          {t('orders.reprint')}
        </button>
      </footer>
    </article>
  );
}
