import { useTranslation } from 'react-i18next';
import { useStationState } from '../state/station-context';
import { useNow } from '../state/use-now';
import { formatAgo } from './format';

const PRINTER_TONE = { off: 'muted', unknown: 'muted', ok: 'ok', failing: 'bad' } as const;

/** Phones ready/total, queue, API listening, last backend contact, adb: always visible. */
export function StatusBar() {
  const { t } = useTranslation();
  const { status, adb, connected } = useStationState();
  const now = useNow();
  const adbTone = adb.kind === 'connected' ? 'ok' : adb.kind === 'starting' ? 'muted' : 'bad';
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      {!connected && <span className="status-item tone-bad">{t('app.disconnected')}</span>}
      {status && (
        <>
          <span
            className={`status-item tone-${status.phonesReady > 0 ? 'ok' : 'bad'}`}
            data-testid="status-phones"
          >
            <span className="dot" />
            {t('status.phones', { ready: status.phonesReady, total: status.phonesTotal })}
          </span>
          <span className="status-item" data-testid="status-queue">
            {t('status.queue', { n: status.queueLength })}
          </span>
          <span className={`status-item tone-${status.apiListening ? 'ok' : 'bad'}`} data-testid="status-api">
            <span className="dot" />
            {status.apiListening ? t('status.apiListening') : t('status.apiDown')}
            {status.apiListening && status.apiUrl && <span className="status-sub">{status.apiUrl}</span>}
          </span>
          <span className="status-item" data-testid="status-contact">
            {t('status.lastContact', { when: formatAgo(t, status.lastBackendContactAt, now) })}
          </span>
          {status.printer.state !== 'off' && (
            <span
              className={`status-item tone-${PRINTER_TONE[status.printer.state]}`}
              data-testid="status-printer"
              title={status.printer.lastError ?? undefined}
            >
              <span className="dot" />
              {t('status.printer', { state: t(`status.printerState.${status.printer.state}`) })}
              {status.printer.pending > 0 && (
                <span className="status-sub">
                  {t('status.printerPending', { n: status.printer.pending })}
                </span>
              )}
            </span>
          )}
        </>
      )}
      <span className={`status-item status-right tone-${adbTone}`}>
        <span className="dot" />
        {t('status.adb', { state: t(`status.adbState.${adb.kind}`) })}
      </span>
    </footer>
  );
}
