import { useTranslation } from 'react-i18next';
import type { FleetStation } from '../../../../shared/fleet/fleet-schemas';
import { formatAgo } from '../../components/format';

/** One station as its status key says: phones, counts, lag behind the stream, last report. */
export function FleetStationCard(props: { station: FleetStation; isSelf: boolean; now: number }) {
  const { t, i18n } = useTranslation();
  const { station: s, isSelf, now } = props;
  const phoneState = (state: string): string =>
    i18n.exists(`devices.states.${state}`) ? t(`devices.states.${state}`) : state;
  return (
    <article
      className={`device-card fleet-station ${isSelf ? 'is-self' : ''}`}
      data-testid={`fleet-station-${s.stationId}`}
      aria-label={s.stationId}
    >
      <header className="device-head">
        <div>
          <div className="device-name">
            {s.stationId}
            {isSelf && <span className="badge badge-self">{t('fleet.thisStation')}</span>}
          </div>
          <div className="muted device-sub">
            {t('fleet.store', { store: s.storeId })} · {t('fleet.version', { version: s.version })}
          </div>
        </div>
      </header>
      <dl className="fleet-counts">
        <div>
          <dt>{t('fleet.ready')}</dt>
          <dd>{s.ready}</dd>
        </div>
        <div>
          <dt>{t('fleet.free')}</dt>
          <dd>{s.free}</dd>
        </div>
        <div>
          <dt>{t('fleet.queued')}</dt>
          <dd>{s.queued}</dd>
        </div>
      </dl>
      <dl className="device-facts">
        <dt>{t('fleet.lag')}</dt>
        <dd>
          {s.redisLagMs === null
            ? t('fleet.noLag')
            : t('fleet.lagSeconds', { n: (s.redisLagMs / 1000).toFixed(1) })}
        </dd>
        <dt>{t('fleet.lastSeen')}</dt>
        <dd>{formatAgo(t, s.at, now)}</dd>
      </dl>
      {s.phones.length === 0 ? (
        <p className="muted">{t('fleet.noPhones')}</p>
      ) : (
        <ul className="fleet-phones" aria-label={t('fleet.phones')}>
          {s.phones.map((p) => (
            <li key={p.serial}>
              <span className="lane-serial">{p.serial}</span>
              <span className={`chip chip-${p.state}`}>{phoneState(p.state)}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
