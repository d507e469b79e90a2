import { useTranslation } from 'react-i18next';
import { useStationState } from '../../state/station-context';
import { AdbBanner } from './AdbBanner';
import { DeviceCard } from './DeviceCard';

export function DevicesView() {
  const { t } = useTranslation();
  const { devices, adb } = useStationState();
  const list = [...devices.values()].sort((a, b) => a.serial.localeCompare(b.serial));
  return (
    <div className="view view-devices">
      <div className="view-head">
        <h1>{t('devices.title')}</h1>
      </div>
      <AdbBanner adb={adb} />
      {list.length === 0 ? (
        <p className="empty empty-large">{t('devices.empty')}</p>
      ) : (
        <div className="device-grid">
          {list.map((d) => (
            <DeviceCard key={d.serial} device={d} />
          ))}
        </div>
      )}
    </div>
  );
}
