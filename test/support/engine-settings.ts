import type { EngineSettings } from '../../src/main/core/payments/payment-engine';
import type { CareSettings } from '../../src/shared/settings/care-settings';
import type { PaymentSettings } from '../../src/shared/settings/payment-settings';
import { STATION_SETTINGS_DEFAULTS } from '../../src/shared/settings/station-settings';

/**
 * The engine's settings for a test that builds the engine alone: the defaults, `payments` changed,
 * and the quick check before each payment off unless `care` turns it on: the tests of the
 * engine's own rules count its states and timers exactly, and the check has tests of its own.
 */
export function engineSettings(
  payments: Partial<PaymentSettings> = {},
  care: Partial<CareSettings> = {},
): EngineSettings {
  return {
    payments: { ...STATION_SETTINGS_DEFAULTS.payments, ...payments },
    notificationRules: STATION_SETTINGS_DEFAULTS.notificationRules,
    care: { ...STATION_SETTINGS_DEFAULTS.care, preDispatchCheck: false, ...care },
  };
}
