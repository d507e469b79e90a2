import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput } from '../../../../shared/contract/commands';
import { errorText, formatDateTime } from '../../components/format';
import { useStation } from '../../state/station-context';

type CallbackList = CommandOutput<'callbacks:list'>;

/** How often the list is read again while the view is open; callbacks retry on their own clock. */
const REFRESH_MS = 10_000;

/**
 * Callbacks to the backend that keep failing or were given up on, with a resend button
 * (a callback can always be resent by hand). Shows nothing while every callback gets through.
 */
export function FailingCallbacks() {
  const { t } = useTranslation();
  const station = useStation();
  const [list, setList] = useState<CallbackList | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setList(await station.invoke('callbacks:list', { limit: 50 }));
    } catch (err) {
      setMessage(t('common.failed', { message: errorText(err) }));
    }
  }, [station, t]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const resend = async (eventId: string): Promise<void> => {
    try {
      const r = await station.invoke('callbacks:resend', { eventId });
      setMessage(r.resent ? t('payments.callbacks.resent') : null);
      await load();
    } catch (err) {
      setMessage(t('common.failed', { message: errorText(err) }));
    }
  };

  if (!list || list.entries.length === 0) return null;
  return (
    <section
      className="panel callbacks-panel"
      aria-label={t('payments.callbacks.title')}
      data-testid="failing-callbacks"
    >
      <h2 className="panel-title">
        {t('payments.callbacks.title')}
        <span className="column-count">{list.entries.length}</span>
      </h2>
      <p className="muted">{t('payments.callbacks.help')}</p>
      {message && (
        <p className="muted" role="status">
          {message}
        </p>
      )}
      <ul className="callback-list">
        {list.entries.map((c) => (
          <li key={c.eventId} className="callback-item" data-testid={`callback-${c.eventId}`}>
            <div className="queue-row">
              <span className="order-no">{c.orderNo}</span>
              <span className={c.status === 'failed' ? 'text-bad' : 'muted'}>
                {c.status === 'failed' ? t('payments.callbacks.failed') : t('payments.callbacks.retrying')}
              </span>
            </div>
            <div className="queue-row muted">
              <span>{t('payments.callbacks.attempts', { count: c.attempts })}</span>
              {c.status === 'pending' && (
                <span>{t('payments.callbacks.nextAt', { time: formatDateTime(c.nextAttemptAt) })}</span>
              )}
            </div>
            {(c.lastError || c.lastHttpStatus !== null) && (
              <div className="muted callback-error">
                {t('payments.callbacks.lastError', {
                  error: c.lastError ?? t('payments.callbacks.httpStatus', { status: c.lastHttpStatus }),
                })}
              </div>
            )}
            <button type="button" className="btn btn-small" onClick={() => void resend(c.eventId)}>
              {t('payments.callbacks.resend')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
