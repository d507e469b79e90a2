import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput } from '../../../../shared/contract/commands';
import { errorText } from '../../components/format';
import { useStation } from '../../state/station-context';

/** Lines fetched at a time: enough to see what led up to a problem, small enough to read. */
export const LOG_LINES = 300;

/** The end of the station's log file, fetched only when the cashier (or support) asks. */
export function LogsSection() {
  const { t } = useTranslation();
  const station = useStation();
  const [tail, setTail] = useState<CommandOutput<'logs:tail'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (): Promise<void> => {
    try {
      setTail(await station.invoke('logs:tail', { maxLines: LOG_LINES }));
      setError(null);
    } catch (err) {
      setError(t('common.failed', { message: errorText(err) }));
    }
  };

  return (
    <section className="settings-section section-logs" aria-label={t('settings.logs.title')}>
      <h2 className="section-title">
        {t('settings.logs.title')}
        <button type="button" className="btn btn-small" onClick={() => void load()}>
          {tail ? t('settings.logs.refresh') : t('settings.logs.show')}
        </button>
        {tail && (
          <button type="button" className="btn btn-small" onClick={() => setTail(null)}>
            {t('settings.logs.hide')}
          </button>
        )}
      </h2>
      {error && <p className="feedback tone-bad">{error}</p>}
      {tail &&
        (tail.file === null ? (
          <p className="empty">{t('settings.logs.empty')}</p>
        ) : (
          <>
            <p className="field-help">
              {/* The path goes around i18next, which would escape its slashes. */}
              {t('settings.logs.file')}
              <code>{tail.file}</code>
              {tail.truncated && ` · ${t('settings.logs.truncated', { n: tail.lines.length })}`}
            </p>
            <pre className="log-tail" aria-label={t('settings.logs.title')}>
              {tail.lines.join('\n')}
            </pre>
          </>
        ))}
    </section>
  );
}
