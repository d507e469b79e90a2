import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceRecord } from '../../../../shared/contract/record-schemas';
import { errorText } from '../../components/format';
import { useStation } from '../../state/station-context';
import { CareSection } from './CareSection';
import { DiagnosticsDialog } from './DiagnosticsDialog';

const CHECK_ICON = { ok: '✓', fail: '✕', warn: '?' } as const;

/** One phone: what it is, how it is, and the next step the cashier can take. */
export function DeviceCard({ device }: { device: DeviceRecord }) {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [openCheck, setOpenCheck] = useState<string | null>(null);
  const [diagnostics, setDiagnostics] = useState<{ command?: string } | null>(null);
  const reason = device.activity.kind === 'needs-attention' ? device.activity.reason : device.reason;
  // Reason texts come from the device manager's table; unknown keys fall back to the state's hint.
  const message = reason && i18n.exists(reason.messageKey) ? t(reason.messageKey, reason.params ?? {}) : null;
  const hint =
    reason && i18n.exists(reason.hintKey)
      ? t(reason.hintKey, reason.params ?? {})
      : t(`devices.stateHints.${device.state}`);

  const act = async (verb: 'devices:restartApp' | 'devices:testLaunch'): Promise<void> => {
    setBusy(true);
    setFeedback(null);
    try {
      await station.invoke(verb, { serial: device.serial });
      setFeedback({
        tone: 'ok',
        text: t(verb === 'devices:restartApp' ? 'devices.restarted' : 'devices.launched'),
      });
    } catch (err) {
      setFeedback({ tone: 'bad', text: t('common.failed', { message: errorText(err) }) });
    } finally {
      setBusy(false);
    }
  };

  const canDrive = !['unauthorized', 'offline', 'gone', 'connecting'].includes(device.state);
  return (
    <article
      className={`device-card state-${device.state}`}
      data-testid={`device-${device.serial}`}
      aria-label={device.serial}
    >
      <header className="device-head">
        <div>
          <div className="device-name">
            {[device.brand, device.model].filter(Boolean).join(' ') || device.serial}
          </div>
          <div className="muted device-sub">
            {device.serial}
            {device.androidVersion && ` · ${t('devices.android', { v: device.androidVersion })}`}
            {device.rom && ` · ${device.rom}`}
          </div>
        </div>
        <span className={`chip chip-${device.state}`}>{t(`devices.states.${device.state}`)}</span>
      </header>
      <dl className="device-facts">
        <dt>{t('devices.port')}</dt>
        <dd>{device.localPort === null ? t('devices.noPort') : `tcp:${device.localPort}`}</dd>
        {device.activity.kind === 'busy' && (
          <>
            <dt>{t('payments.inFlight')}</dt>
            <dd>{t('devices.busyWith', { orderNo: device.activity.orderNo })}</dd>
          </>
        )}
      </dl>
      {message && <p className="device-reason">{message}</p>}
      <p className="device-hint">
        <strong>{t('devices.nextStep')}</strong>
        {hint}
      </p>
      <CareSection device={device} />
      {device.health.length > 0 && (
        <ul className="health-list" aria-label={t('devices.health')}>
          {device.health.map((c) => (
            <li key={c.name} className={`health-${c.status}`}>
              <button
                type="button"
                className="health-row"
                aria-expanded={openCheck === c.name}
                title={c.detail}
                onClick={() => setOpenCheck(openCheck === c.name ? null : c.name)}
              >
                <span className="health-icon" aria-hidden="true">
                  {CHECK_ICON[c.status]}
                </span>
                <span className="health-name">{t(`devices.checks.${c.name}`)}</span>
                <span className="health-status">{t(`devices.checkStatus.${c.status}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {device.health
        .filter((c) => c.name === openCheck)
        .map((c) => (
          <section key={c.name} className={`health-detail health-${c.status}`} data-testid="health-detail">
            <p>
              <strong>{t(`devices.checks.${c.name}`)}</strong>: {t(`devices.checkStatus.${c.status}`)}
              {c.detail && ` — ${c.detail}`}
            </p>
            {c.status === 'warn' && <p className="muted">{t('devices.warnNeverBlocks')}</p>}
            {c.evidence && <pre className="raw-output raw-evidence">{c.evidence}</pre>}
            {c.command && (
              <p className="health-command">
                <code>{c.command}</code>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setDiagnostics({ command: c.command })}
                >
                  {t('devices.rawOutput')}
                </button>
              </p>
            )}
          </section>
        ))}
      <footer className="device-actions">
        <button
          type="button"
          className="btn"
          disabled={busy || !canDrive}
          onClick={() => void act('devices:restartApp')}
        >
          {t('devices.restartApp')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy || !canDrive}
          onClick={() => void act('devices:testLaunch')}
        >
          {t('devices.testLaunch')}
        </button>
        <button type="button" className="btn" onClick={() => setDiagnostics({})}>
          {t('devices.diagnostics.open')}
        </button>
        {feedback && (
          <span className={`feedback tone-${feedback.tone}`} role="status">
            {feedback.text}
          </span>
        )}
      </footer>
      {diagnostics && (
        <DiagnosticsDialog
          device={device}
          command={diagnostics.command}
          onClose={() => setDiagnostics(null)}
        />
      )}
    </article>
  );
}
