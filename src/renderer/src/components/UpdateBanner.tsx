import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateState } from '../state/use-update-state';
import { errorText } from './format';

/**
 * Says that a downloaded update waits for an idle moment, with "install now", which also waits
 * for the payments going on. Nothing while there is nothing to install.
 */
export function UpdateBanner() {
  const { t } = useTranslation();
  const { state, installNow } = useUpdateState();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!state || (state.phase !== 'ready' && state.phase !== 'installing')) return null;

  const ask = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await installNow();
    } catch (err) {
      setError(t('updates.installFailed', { message: errorText(err) }));
    } finally {
      setBusy(false);
    }
  };

  if (state.phase === 'installing') {
    return (
      <div className="banner banner-info update-banner" role="status" data-testid="update-banner">
        <span className="update-banner-text">{t('updates.installing')}</span>
      </div>
    );
  }
  return (
    <div className="banner banner-info update-banner" role="status" data-testid="update-banner">
      <span className="update-banner-text">
        <strong>{t('updates.ready')}</strong>
        {state.version && (
          <span className="update-banner-sub">{t('updates.version', { version: state.version })}</span>
        )}
        {state.installRequested && <span className="update-banner-sub">{t('updates.requested')}</span>}
        {state.waitingForPayments && <span className="update-banner-sub">{t('updates.waiting')}</span>}
        {error && <span className="update-banner-sub tone-bad">{error}</span>}
      </span>
      {!state.installRequested && (
        <button
          type="button"
          className="btn btn-primary btn-small"
          disabled={busy}
          onClick={() => void ask()}
        >
          {t('updates.installNow')}
        </button>
      )}
    </div>
  );
}
