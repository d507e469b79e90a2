import type { EngineSettings } from '../../src/main/core/payments/payment-engine';
import type { PaymentSettings } from '../../src/shared/settings/payment-settings';
import { STATION_SETTINGS_DEFAULTS } from '../../src/shared/settings/station-settings';

/** The engine's settings for a test that builds the engine alone: the defaults, `payments` changed. */
export function engineSettings(payments: Partial<PaymentSettings> = {}): EngineSettings {
  return {
    payments: { ...STATION_SETTINGS_DEFAULTS.payments, ...payments },
    notificationRules: STATION_SETTINGS_DEFAULTS.notificationRules,
  };
}
