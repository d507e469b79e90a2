import type { SettingsView } from '../../src/shared/contract/settings-schemas';

/** A complete, valid settings view for test doubles of the bridge. */
export function defaultSettingsView(): SettingsView {
  return {
    apiKey: 'cs_testkey123456',
    credentialsSource: 'store',
    api: { httpPort: 17800 },
    phoneApp: { package: 'com.cashier.phone', activity: '.MainActivity', port: 10010, listener: '' },
    payments: {
      groupId: 1,
      dispatchVia: 'transport',
      resultTimeoutMs: 90_000,
      settleMs: 60_000,
      secondRestart: true,
      minResultMs: 1_500,
      defaultExpirySec: 120,
    },
    notificationRules: {
      successKeywords: ['支付成功', '付款成功'],
      failureKeywords: ['失败'],
      amountPatterns: ['[￥¥]\\s*([0-9]+(?:\\.[0-9]{1,2})?)'],
    },
    voice: {
      enabled: true,
      volume: 0.8,
      repeatIntervalSec: 60,
      quietHours: { enabled: false, start: '22:00', end: '07:00', allowPaymentTrouble: true },
      speakAmounts: true,
      announce: {
        newOrder: true,
        rush: true,
        paymentSucceeded: true,
        paymentTrouble: true,
        devices: true,
        printer: true,
      },
    },
    printer: {
      type: 'none',
      address: '',
      deviceName: '',
      paperWidth: 58,
      copies: 1,
      autoPrint: true,
      rushSlip: false,
      shopName: '',
    },
    language: 'zh-CN',
    callbacks: { maxAttempts: 8 },
    care: {
      heartbeatSec: 30,
      preDispatchCheck: true,
      reviveApp: true,
      reviveLimitPerHour: 5,
      rebindListener: true,
      keepAwake: true,
      dismissKeyguard: true,
      autoWhitelist: false,
      scheduledReboot: { enabled: false, at: '04:00' },
    },
    fleet: { redisUrl: '', stationId: '', storeId: 'default', prefix: 'cs:', paymentTtlDays: 7 },
    desktop: { startWithSystem: false, closeToTray: true, updateUrl: '', crashUploadUrl: '' },
  };
}
