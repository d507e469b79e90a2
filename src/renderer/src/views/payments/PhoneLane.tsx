import { useTranslation } from 'react-i18next';
import type { DeviceRecord, PaymentRecord } from '../../../../shared/contract/record-schemas';
import { formatDuration, formatYuan } from '../../components/format';

export interface PhoneLaneProps {
  device: DeviceRecord;
  /** The payment this phone is working on, if any. */
  payment: PaymentRecord | undefined;
  timeoutMs: number;
  now: number;
}

/** One phone: its state and the payment in flight, with a bar of elapsed time against the timeout. */
export function PhoneLane({ device, payment, timeoutMs, now }: PhoneLaneProps) {
  const { t } = useTranslation();
  const since =
    device.activity.kind === 'busy' && device.activity.orderNo === payment?.orderNo
      ? device.activity.since
      : (payment?.updatedAt ?? now);
  const elapsed = Math.max(0, now - since);
  const ratio = Math.min(1, elapsed / Math.max(1, timeoutMs));
  const tone = ratio > 0.8 ? 'bad' : ratio > 0.5 ? 'warn' : 'ok';
  return (
    <section
      className={`lane state-${device.state}`}
      data-testid={`lane-${device.serial}`}
      aria-label={device.serial}
    >
      <header className="lane-head">
        <span className="lane-name">{device.model ?? device.serial}</span>
        <span className={`chip chip-${device.state}`}>{t(`devices.states.${device.state}`)}</span>
      </header>
      <div className="lane-serial">{device.serial}</div>
      {payment ? (
        <div className="lane-payment">
          <div className="lane-payment-row">
            <span className="order-no">{payment.orderNo}</span>
            <span className="lane-amount">¥{formatYuan(payment.amountFen)}</span>
          </div>
          <div className="lane-status">{t(`payments.statusText.${payment.status}`)}</div>
          <div
            className={`progress tone-${tone}`}
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={timeoutMs}
            aria-valuenow={elapsed}
          >
            <div className="progress-fill" style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
          </div>
          <div className="lane-elapsed">
            {t('payments.elapsed', { elapsed: formatDuration(elapsed), timeout: formatDuration(timeoutMs) })}
          </div>
        </div>
      ) : (
        <div className="lane-idle">{t('payments.idle')}</div>
      )}
    </section>
  );
}
