import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaymentRecord } from '../../../../shared/contract/record-schemas';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorText, formatDateTime, formatYuan } from '../../components/format';
import { useStation, useStationStore } from '../../state/station-context';

interface Pending {
  payment: PaymentRecord;
  status: 'succeeded' | 'failed';
}

/** Payments whose outcome a person must decide, each behind a confirmation with a note. */
export function UnknownPayments({ payments }: { payments: PaymentRecord[] }) {
  const { t } = useTranslation();
  const station = useStation();
  const store = useStationStore();
  const [pending, setPending] = useState<Pending | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = (payment: PaymentRecord, status: Pending['status']): void => {
    setPending({ payment, status });
    setNote('');
    setError(null);
  };

  const confirm = async (): Promise<void> => {
    if (!pending) return;
    setBusy(true);
    try {
      const resolved = await station.invoke('payments:resolve', {
        orderNo: pending.payment.orderNo,
        status: pending.status,
        note: note.trim(),
      });
      store.applyPayment(resolved);
      setPending(null);
    } catch (err) {
      setError(t('common.failed', { message: errorText(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel unknown-panel" aria-label={t('payments.unknown')} data-testid="unknown-list">
      <h2 className="panel-title">
        {t('payments.unknown')}
        <span className={`column-count ${payments.length > 0 ? 'count-bad' : ''}`}>{payments.length}</span>
      </h2>
      {payments.length === 0 ? (
        <p className="empty">{t('payments.unknownEmpty')}</p>
      ) : (
        <>
          <p className="help">{t('payments.unknownHelp')}</p>
          <ul className="unknown-list">
            {payments.map((p) => (
              <li key={p.orderNo} className="unknown-item" data-testid={`unknown-${p.orderNo}`}>
                <div className="unknown-main">
                  <span className="order-no">{p.orderNo}</span>
                  <span className="unknown-amount">¥{formatYuan(p.amountFen)}</span>
                  {p.refundNeeded && <span className="badge badge-rush">{t('payments.refundNeeded')}</span>}
                  <span className="muted">{p.deviceSerial ?? ''}</span>
                  <span className="muted">{formatDateTime(p.updatedAt)}</span>
                </div>
                <div className="unknown-reason">
                  {t('payments.reason', {
                    reason: p.review ? t(`payments.reasons.${p.review.reason}`) : t('common.none'),
                  })}
                  {p.review?.detail && <span className="muted"> · {p.review.detail}</span>}
                </div>
                {p.notificationText && (
                  <div className="unknown-text muted">
                    {t('payments.notification', { text: p.notificationText })}
                  </div>
                )}
                <div className="unknown-actions">
                  <button type="button" className="btn btn-ok" onClick={() => open(p, 'succeeded')}>
                    {t('payments.markSucceeded')}
                  </button>
                  <button type="button" className="btn btn-danger-quiet" onClick={() => open(p, 'failed')}>
                    {t('payments.markFailed')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {pending && (
        <ConfirmDialog
          title={t('payments.confirmTitle', { orderNo: pending.payment.orderNo })}
          confirmLabel={
            pending.status === 'succeeded' ? t('payments.markSucceeded') : t('payments.markFailed')
          }
          tone={pending.status === 'succeeded' ? 'primary' : 'danger'}
          busy={busy}
          confirmDisabled={note.trim().length === 0}
          onCancel={() => setPending(null)}
          onConfirm={() => void confirm()}
        >
          <p>
            {pending.status === 'succeeded'
              ? t('payments.confirmSucceeded', { amount: formatYuan(pending.payment.amountFen) })
              : t('payments.confirmFailed')}
          </p>
          <label className="field">
            <span className="field-label">{t('payments.noteLabel')}</span>
            <textarea
              value={note}
              rows={2}
              maxLength={500}
              placeholder={t('payments.notePlaceholder')}
              onChange={(e) => setNote(e.target.value)}
            />
            {note.trim().length === 0 && <span className="field-help">{t('payments.noteRequired')}</span>}
          </label>
          {error && (
            <div className="alert alert-bad" role="alert">
              {error}
            </div>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
