import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceRecord } from '../../../../shared/contract/record-schemas';
import type { CareAction } from '../../../../shared/domain/care';
import { vendorHintFor } from '../../../../shared/care/vendor-hints';
import { errorText, formatTime } from '../../components/format';
import { useStation } from '../../state/station-context';

/**
 * What phone care did for the phone ("14:02 已自动重启收款应用（成功）", today's count), where it
 * stopped and why, with the vendor's own settings path when the ROM keeps killing the app, and
 * the one-click fixes: exempt from battery optimisation, try again.
 */
export function CareSection({ device }: { device: DeviceRecord }) {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const { care } = device;
  const notExempt = device.health.some((h) => h.name === 'battery_whitelist' && h.status === 'fail');
  const vendor = vendorHintFor(device.rom);
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const showVendor = vendor && (notExempt || care.stopped?.code === 'APP_KEEPS_DYING');
  if (care.recent.length === 0 && !care.stopped && !notExempt) return null;

  const run = async (action: CareAction, done: string): Promise<void> => {
    setBusy(true);
    setFeedback(null);
    try {
      const r = await station.invoke('devices:care', { serial: device.serial, action });
      if (r.result === 'busy') setFeedback({ tone: 'bad', text: t('care.busy') });
      else
        setFeedback({
          tone: r.result === 'done' ? 'ok' : 'bad',
          text: r.result === 'done' ? done : t(`care.results.${r.result}`),
        });
    } catch (err) {
      setFeedback({ tone: 'bad', text: t('common.failed', { message: errorText(err) }) });
    } finally {
      setBusy(false);
    }
  };

  const last = care.recent[0];
  return (
    <section className="device-care" aria-label={t('care.title')} data-testid="device-care">
      {last && (
        <p className={`care-last care-${last.result}`}>
          {t('care.last', {
            time: formatTime(last.at),
            action: t(`care.actions.${last.action}`),
            result: t(`care.results.${last.result}`),
          })}
          {care.revivalsToday > 0 && ` · ${t('care.revivalsToday', { n: care.revivalsToday })}`}
        </p>
      )}
      {care.retryAt !== null && (
        <p className="muted">{t('care.retryAt', { time: formatTime(care.retryAt) })}</p>
      )}
      {care.stopped && (
        <div className="care-stopped" role="status">
          <p className="device-reason">
            {i18n.exists(care.stopped.messageKey)
              ? t(care.stopped.messageKey, care.stopped.params ?? {})
              : care.stopped.code}
          </p>
          {i18n.exists(care.stopped.hintKey) && <p className="device-hint">{t(care.stopped.hintKey)}</p>}
        </div>
      )}
      {showVendor && (
        <ul className="care-vendor muted">
          <li>{t('care.vendorAutostart', { path: vendor.autostart[lang] })}</li>
          <li>{t('care.vendorBattery', { path: vendor.battery[lang] })}</li>
        </ul>
      )}
      <div className="care-actions">
        {notExempt && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => void run('whitelist', t('care.whitelistDone'))}
          >
            {t('care.whitelistNow')}
          </button>
        )}
        {care.stopped && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => void run(care.stopped!.action, t(`care.actions.${care.stopped!.action}`))}
          >
            {t('care.tryAgain')}
          </button>
        )}
        {feedback && (
          <span className={`feedback tone-${feedback.tone}`} role="status">
            {feedback.text}
          </span>
        )}
      </div>
    </section>
  );
}
