import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRecord } from '../../../../shared/contract/record-schemas';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorText } from '../../components/format';
import { useStation, useStationState, useStationStore } from '../../state/station-context';
import { useNow } from '../../state/use-now';
import { OrderCard } from './OrderCard';

/**
 * Cards drawn per column. A backlog of thousands (a bench, a backend replaying a day) would
 * otherwise build thousands of DOM nodes nobody can read; the rest is counted instead.
 */
export const MAX_CARDS_PER_COLUMN = 60;

/** The shortcut that accepts the oldest new order. */
export const ACCEPT_OLDEST_KEY = 'a';

type Verb = 'orders:accept' | 'orders:done' | 'orders:cancel';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el &&
    (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

/**
 * New / rush / accepted. An order the customer is chasing moves to the rush column whatever its
 * state, so the chased ones are never hidden among the calm ones.
 */
export function OrdersBoard() {
  const { t } = useTranslation();
  const station = useStation();
  const store = useStationStore();
  const { orders } = useStationState();
  const now = useNow();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);

  const columns = useMemo(() => {
    const all = [...orders.values()].sort((a, b) => a.createdAt - b.createdAt);
    return {
      fresh: all.filter((o) => o.status === 'new' && o.rushCount === 0),
      rush: all
        .filter((o) => o.rushCount > 0)
        .sort((a, b) => (a.lastRushAt ?? a.createdAt) - (b.lastRushAt ?? b.createdAt)),
      accepted: all.filter((o) => o.status === 'accepted' && o.rushCount === 0),
      oldestNew: all.find((o) => o.status === 'new'),
    };
  }, [orders]);

  const run = useCallback(
    async (verb: Verb, orderNo: string) => {
      setBusy((s) => new Set(s).add(orderNo));
      setError(null);
      try {
        store.applyOrder(await station.invoke(verb, { orderNo }));
      } catch (err) {
        setError(t('common.failed', { message: errorText(err) }));
      } finally {
        setBusy((s) => {
          const next = new Set(s);
          next.delete(orderNo);
          return next;
        });
      }
    },
    [station, store, t],
  );

  // The ticket prints in the background; the card shows its state as the station reports it.
  const reprint = useCallback(
    async (orderNo: string) => {
      setError(null);
      try {
        const job = await station.invoke('printing:reprint', { orderNo });
        const order = orders.get(orderNo);
        if (order) store.applyOrder({ ...order, print: job });
      } catch (err) {
        setError(t('common.failed', { message: errorText(err) }));
      }
    },
    [station, store, orders, t],
  );

  const oldestNew = columns.oldestNew?.orderNo;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key.toLowerCase() !== ACCEPT_OLDEST_KEY || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e.target) || !oldestNew || cancelling) return;
      e.preventDefault();
      void run('orders:accept', oldestNew);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [oldestNew, run, cancelling]);

  const column = (key: string, title: string, list: OrderRecord[], tone: string) => (
    <section className={`board-column tone-${tone}`} aria-label={title} data-testid={`column-${key}`}>
      <h2 className="column-title">
        {title}
        <span className="column-count">{list.length}</span>
      </h2>
      <div className="column-body">
        {list.length === 0 && <p className="empty">{t('orders.empty')}</p>}
        {list.slice(0, MAX_CARDS_PER_COLUMN).map((o) => (
          <OrderCard
            key={o.orderNo}
            order={o}
            now={now}
            busy={busy.has(o.orderNo)}
            onAccept={(n) => void run('orders:accept', n)}
            onDone={(n) => void run('orders:done', n)}
            onCancel={setCancelling}
            onReprint={(n) => void reprint(n)}
          />
        ))}
        {list.length > MAX_CARDS_PER_COLUMN && (
          <p className="empty">{t('orders.more', { n: list.length - MAX_CARDS_PER_COLUMN })}</p>
        )}
      </div>
    </section>
  );

  return (
    <div className="view view-orders">
      <div className="view-head">
        <h1>{t('orders.title')}</h1>
        <span className="hint">
          <kbd>A</kbd> {t('orders.shortcut')}
        </span>
      </div>
      {error && (
        <div className="alert alert-bad" role="alert">
          {error}
        </div>
      )}
      <div className="board">
        {column('new', t('orders.columnNew'), columns.fresh, 'new')}
        {column('rush', t('orders.columnRush'), columns.rush, 'rush')}
        {column('accepted', t('orders.columnAccepted'), columns.accepted, 'accepted')}
      </div>
      {cancelling && (
        <ConfirmDialog
          title={t('orders.cancel')}
          confirmLabel={t('orders.cancel')}
          tone="danger"
          onCancel={() => setCancelling(null)}
          onConfirm={() => {
            const orderNo = cancelling;
            setCancelling(null);
            void run('orders:cancel', orderNo);
          }}
        >
          <p>{t('orders.confirmCancel', { orderNo: cancelling })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
