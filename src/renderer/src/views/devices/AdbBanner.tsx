import { useTranslation } from 'react-i18next';
import type { AdbStatusRecord } from '../../../../shared/contract/record-schemas';

/** Says plainly when adb itself is the problem; nothing when it is fine. */
export function AdbBanner({ adb }: { adb: AdbStatusRecord }) {
  const { t } = useTranslation();
  if (adb.kind === 'connected') return null;
  const text =
    adb.kind === 'missing'
      ? t('devices.banner.missing', { detail: adb.detail })
      : adb.kind === 'conflict'
        ? t('devices.banner.conflict', { detail: adb.detail })
        : adb.kind === 'reconnecting'
          ? t('devices.banner.reconnecting', { attempt: adb.attempt, detail: adb.detail })
          : t('devices.banner.starting');
  const tone = adb.kind === 'starting' ? 'info' : adb.kind === 'reconnecting' ? 'warn' : 'bad';
  return (
    <div className={`banner banner-${tone}`} role="alert" data-testid="adb-banner">
      {text}
    </div>
  );
}
