import { useTranslation } from 'react-i18next';
import type { OrphanedClaim } from '../../../../shared/fleet/fleet-schemas';

/**
 * Payments claimed by a station that is gone. The fleet never hands them to another station (the
 * gone one may still have paid), so they stay here until a person has checked that phone.
 */
export function OrphanedClaims({ claims }: { claims: OrphanedClaim[] }) {
  const { t, i18n } = useTranslation();
  if (claims.length === 0) return null;
  const statusText = (status: string | null): string =>
    status === null
      ? t('fleet.orphans.noStatus')
      : t('fleet.orphans.status', {
          status: i18n.exists(`payments.statusText.${status}`) ? t(`payments.statusText.${status}`) : status,
        });
  return (
    <section
      className="panel unknown-panel fleet-orphans"
      aria-label={t('fleet.orphans.title')}
      data-testid="fleet-orphans"
    >
      <h2 className="panel-title">
        {t('fleet.orphans.title')}
        <span className="column-count count-bad">{claims.length}</span>
      </h2>
      <p className="help">{t('fleet.orphans.help')}</p>
      <ul className="unknown-list">
        {claims.map((c) => (
          <li key={c.orderNo} className="unknown-item" data-testid={`orphan-${c.orderNo}`}>
            <div className="unknown-main">
              <span className="order-no">{c.orderNo}</span>
              <span>{t('fleet.orphans.claimedBy', { station: c.stationId })}</span>
              <span className="muted">{statusText(c.status)}</span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
