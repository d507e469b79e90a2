import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../shared/contract/settings-schemas';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorText } from '../../components/format';
import { useStation, useStationStore } from '../../state/station-context';

/** A revealed secret hides itself again after this long, in case the cashier walks away. */
export const SECRET_VISIBLE_MS = 60_000;

/** API key and secret. The secret is fetched only when the cashier asks to see or copy it. */
export function CredentialsSection({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const station = useStation();
  const store = useStationStore();
  const [secret, setSecret] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const pinned = settings.credentialsSource === 'env';

  useEffect(() => {
    if (secret === null) return;
    const id = setTimeout(() => setSecret(null), SECRET_VISIBLE_MS);
    return () => clearTimeout(id);
  }, [secret]);

  const fetchSecret = async (): Promise<string | null> => {
    try {
      return (await station.invoke('settings:revealSecret', {})).secret;
    } catch (err) {
      setNote(t('common.failed', { message: errorText(err) }));
      return null;
    }
  };
  const copy = async (): Promise<void> => {
    const value = secret ?? (await fetchSecret());
    if (value === null) return;
    try {
      await navigator.clipboard.writeText(value);
      setNote(t('settings.copied'));
    } catch (err) {
      setNote(t('common.failed', { message: errorText(err) }));
    }
  };
  const regenerate = async (): Promise<void> => {
    setConfirming(false);
    try {
      const r = await station.invoke('settings:regenerateCredentials', {});
      setSecret(r.secret);
      store.applySettings({ ...settings, apiKey: r.apiKey });
    } catch (err) {
      setNote(t('common.failed', { message: errorText(err) }));
    }
  };

  return (
    <section className="settings-section" aria-label={t('settings.sections.credentials')}>
      <h2 className="section-title">{t('settings.sections.credentials')}</h2>
      <div className="cred-row">
        <span className="field-label">{t('settings.apiKey')}</span>
        <code className="cred-value" data-testid="api-key">
          {settings.apiKey}
        </code>
      </div>
      <div className="cred-row">
        <span className="field-label">{t('settings.secret')}</span>
        <code className="cred-value" data-testid="api-secret">
          {secret ?? t('settings.hidden')}
        </code>
        <span className="cred-actions">
          {secret === null ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void fetchSecret().then(setSecret)}
            >
              {t('settings.reveal')}
            </button>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => setSecret(null)}>
              {t('settings.hide')}
            </button>
          )}
          <button type="button" className="btn btn-small" onClick={() => void copy()}>
            {t('settings.copy')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger-quiet"
            disabled={pinned}
            onClick={() => setConfirming(true)}
          >
            {t('settings.regenerate')}
          </button>
        </span>
      </div>
      {pinned && <p className="help">{t('settings.envPinned')}</p>}
      {note && (
        <p className="feedback" role="status">
          {note}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('settings.regenerate')}
          confirmLabel={t('settings.regenerate')}
          tone="danger"
          onCancel={() => setConfirming(false)}
          onConfirm={() => void regenerate()}
        >
          <p>{t('settings.regenerateConfirm')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
