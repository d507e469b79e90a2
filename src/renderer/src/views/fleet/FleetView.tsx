import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetView as FleetViewData } from '../../../../shared/fleet/fleet-schemas';
import { errorText } from '../../components/format';
import { useStation } from '../../state/station-context';
import { FleetOff } from './FleetOff';
import { FleetStationCard } from './FleetStationCard';
import { OrphanedClaims } from './OrphanedClaims';

/** Stations rewrite their status every 5 s (docs/FLEET.md): reading faster shows nothing new. */
const REFRESH_MS = 5_000;

const REDIS_TONE = { connected: 'ok', connecting: 'warn', off: 'bad' } as const;

export interface FleetViewProps {
  /** Opens Settings, where fleet mode is turned on. */
  onOpenSettings?: () => void;
}

/**
 * Every station sharing this one's Redis, read again every 5 s while the view is shown: its
 * phones, how much it has waiting, how far it lags behind the stream, and when it last reported.
 * Claims whose station is gone are listed first, because only a person can settle them.
 */
export function FleetView({ onOpenSettings }: FleetViewProps) {
  const { t } = useTranslation();
  const station = useStation();
  const [fleet, setFleet] = useState<{ view: FleetViewData; readAt: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const view = await station.invoke('fleet:view', {});
      setFleet({ view, readAt: Date.now() });
      setError(null);
    } catch (err) {
      setError(t('common.failed', { message: errorText(err) }));
    }
  }, [station, t]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const view = fleet?.view;
  const stations = view
    ? [...view.stations].sort(
        (a, b) =>
          Number(b.stationId === view.stationId) - Number(a.stationId === view.stationId) ||
          a.stationId.localeCompare(b.stationId),
      )
    : [];
  return (
    <div className="view view-fleet">
      <div className="view-head">
        <h1>{t('fleet.title')}</h1>
        {view?.enabled && (
          <span className="view-head-actions">
            <span className="muted" data-testid="fleet-self">
              {t('fleet.self', { station: view.stationId ?? '—', store: view.storeId ?? '—' })}
            </span>
            <span className={`chip chip-tone-${REDIS_TONE[view.redis]}`} data-testid="fleet-redis">
              {t('fleet.redis', { state: t(`fleet.redisState.${view.redis}`) })}
            </span>
          </span>
        )}
      </div>
      {error && (
        <div className="alert alert-bad" role="alert">
          {error}
        </div>
      )}
      {!view ? (
        !error && <p className="empty">{t('common.loading')}</p>
      ) : !view.enabled ? (
        <FleetOff onOpenSettings={onOpenSettings} />
      ) : (
        <div className="fleet-scroll">
          {view.durabilityWarning && (
            <div className="banner banner-warn" role="alert" data-testid="fleet-durability">
              {t('fleet.durability', { detail: view.durabilityWarning })}
            </div>
          )}
          <OrphanedClaims claims={view.orphanedClaims} />
          <p
            className={view.outboxPending > 0 ? 'banner banner-warn' : 'muted'}
            role="status"
            data-testid="fleet-outbox"
          >
            {view.outboxPending > 0
              ? t('fleet.outboxPending', { n: view.outboxPending })
              : t('fleet.outboxEmpty')}
          </p>
          {stations.length === 0 ? (
            <p className="empty empty-large">{t('fleet.noStations')}</p>
          ) : (
            <div className="fleet-grid">
              {stations.map((s) => (
                <FleetStationCard
                  key={s.stationId}
                  station={s}
                  isSelf={s.stationId === view.stationId}
                  now={fleet.readAt}
                />
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
