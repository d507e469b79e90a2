import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATION_SETTINGS_DEFAULTS } from '../../../../shared/settings/station-settings';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorText, formatDuration, formatYuan } from '../../components/format';
import { useStation, useStationState, useStationStore } from '../../state/station-context';
import { useNow } from '../../state/use-now';
import { PhoneLane } from './PhoneLane';
import { FailingCallbacks } from './FailingCallbacks';
import { UnknownPayments } from './UnknownPayments';

/** One lane per phone, the queue, and the payments that need a person. */
export function PaymentsView() {
  const { t } = useTranslation();
  const station = useStation();
  const store = useStationStore();
  const { payments, devices, settings } = useStationState();
  const now = useNow();
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const timeoutMs = (settings ?? STATION_SETTINGS_DEFAULTS).payments.resultTimeoutMs;

  const { inFlight, queue, unknown, lanes } = useMemo(() => {
    const all = [...payments.values()].sort((a, b) => a.createdAt - b.createdAt);
    const flying = new Map(
      all
        .filter((p) => (p.status === 'dispatching' || p.status === 'awaiting_result') && p.deviceSerial)
        .map((p) => [p.deviceSerial as string, p]),
    );
    return {
      inFlight: flying,
      queue: all.filter((p) => p.status === 'queued'),
      unknown: all.filter((p) => p.status === 'unknown').sort((a, b) => b.updatedAt - a.updatedAt),
      lanes: [...devices.values()]
        .filter((d) => d.state !== 'gone')
        .sort((a, b) => a.serial.localeCompare(b.serial)),
    };
  }, [payments, devices]);

  const cancel = async (orderNo: string): Promise<void> => {
    setError(null);
    try {
      const r = await station.invoke('payments:cancel', { orderNo });
      if (r.payment) store.applyPayment(r.payment);
    } catch (err) {
      setError(t('common.failed', { message: errorText(err) }));
    }
  };

  return (
    <div className="view view-payments">
      <div className="view-head">
        <h1>{t('payments.title')}</h1>
      </div>
      {error && (
        <div className="alert alert-bad" role="alert">
          {error}
        </div>
      )}
      <div className="payments-layout">
        <div className="payments-main">
          <h2 className="section-title">{t('payments.lanes')}</h2>
          {lanes.length === 0 ? (
            <p className="empty">{t('payments.noPhones')}</p>
          ) : (
            <div className="lanes">
              {lanes.map((d) => (
                <PhoneLane
                  key={d.serial}
                  device={d}
                  payment={inFlight.get(d.serial)}
                  timeoutMs={timeoutMs}
                  now={now}
                />
              ))}
            </div>
          )}
          <UnknownPayments payments={unknown} />
          <FailingCallbacks />
        </div>
        <section className="panel queue-panel" aria-label={t('payments.queue')} data-testid="queue">
          <h2 className="panel-title">
            {t('payments.queue')}
            <span className="column-count">{queue.length}</span>
          </h2>
          {queue.length === 0 && <p className="empty">{t('payments.queueEmpty')}</p>}
          <ol className="queue-list">
            {queue.map((p) => (
              <li key={p.orderNo} className="queue-item" data-testid={`queued-${p.orderNo}`}>
                <div className="queue-row">
                  <span className="order-no">{p.orderNo}</span>
                  <span>¥{formatYuan(p.amountFen)}</span>
                </div>
                <div className="queue-row muted">
                  <span>{t('payments.expiresIn', { time: formatDuration(p.expiresAt - now) })}</span>
                  {p.pinnedSerial && <span>{t('payments.pinned', { serial: p.pinnedSerial })}</span>}
                </div>
                <button
                  type="button"
                  className="btn btn-small btn-quiet"
                  onClick={() => setCancelling(p.orderNo)}
                >
                  {t('payments.cancel')}
                </button>
              </li>
            ))}
          </ol>
        </section>
      </div>
      {cancelling && (
        <ConfirmDialog
          title={t('payments.cancel')}
          confirmLabel={t('payments.cancel')}
          tone="danger"
          onCancel={() => setCancelling(null)}
          onConfirm={() => {
            const orderNo = cancelling;
            setCancelling(null);
            void cancel(orderNo);
          }}
        >
          <p>{t('payments.confirmCancel', { orderNo: cancelling })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
