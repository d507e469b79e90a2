import type { SettingsPatch } from '../../../shared/settings/settings-patch';
import type { CoreOptions } from '../create-core';
import type { ServeArgs } from './serve-args';
import { coreOptionsFromArgs } from './serve-args';

/**
 * What the station's flags mean for `createCore`, shared by serve and the desktop app. The flags
 * that set a setting (`--result-timeout`, `--settle-sec`, `--min-result-ms`, `--phone-port`,
 * `--phone-app`, `--dispatch-via`, `--fleet`, `--station-id`, `--store-id`, `--fleet-prefix`,
 * `--printer`) become overrides at their settings paths: used for this run, never saved.
 */
export function coreOptionsFromFlags(args: ServeArgs): Omit<CoreOptions, 'dataDir'> {
  const { settingsOverrides, phonePort, phoneApp, ...rest } = coreOptionsFromArgs(args);
  const {
    resultTimeoutMs,
    settleMs,
    minResultMs,
    dispatchVia,
    fleetRedisUrl,
    fleetStationId,
    fleetStoreId,
    fleetPrefix,
    printerAddress,
    ...unmapped
  } = settingsOverrides;
  // A new settings flag does not compile until it is given its settings path here.
  const _unmapped: Record<string, never> = unmapped;
  const defined = <T extends object>(o: T): Partial<T> | undefined => {
    const kept = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
    return Object.keys(kept).length > 0 ? kept : undefined;
  };
  const overrides: SettingsPatch = {};
  const payments = defined({ resultTimeoutMs, settleMs, minResultMs, dispatchVia });
  if (payments) overrides.payments = payments;
  const phone = defined({ port: phonePort, package: phoneApp?.package, activity: phoneApp?.activity });
  if (phone) overrides.phoneApp = phone;
  const fleet = defined({
    redisUrl: fleetRedisUrl,
    stationId: fleetStationId,
    storeId: fleetStoreId,
    prefix: fleetPrefix,
  });
  if (fleet) overrides.fleet = fleet;
  if (printerAddress !== undefined) overrides.printer = { type: 'network', address: printerAddress };
  return { ...rest, settingsOverrides: overrides };
}
