import { useTranslation } from 'react-i18next';

/** Fleet mode is off: what that means, and the two ways to turn it on. */
export function FleetOff({ onOpenSettings }: { onOpenSettings?: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel fleet-off" data-testid="fleet-off" aria-label={t('fleet.off.title')}>
      <h2 className="panel-title">{t('fleet.off.title')}</h2>
      <p>{t('fleet.off.body')}</p>
      <ul className="fleet-off-ways">
        <li>
          {t('fleet.off.viaSettings')}
          {onOpenSettings && (
            <button type="button" className="btn btn-small" onClick={onOpenSettings}>
              {t('fleet.off.openSettings')}
            </button>
          )}
        </li>
        <li>
          {t('fleet.off.viaCommand')} <code>npm run serve -- --fleet redis://…</code>
        </li>
      </ul>
      <p className="muted">{t('fleet.off.restart')}</p>
    </section>
  );
}
