import type { DeviceRecord, OrderRecord, PaymentRecord } from '../../src/shared/contract/record-schemas';
import type { FakeStation } from './fake-station';

export function fakeOrder(orderNo: string, createdAt: number, patch: Partial<OrderRecord> = {}): OrderRecord {
  return {
    orderNo,
    status: 'new',
    amountFen: 3250,
    items: [],
    customer: null,
    note: null,
    rushCount: 0,
    lastRushAt: null,
    createdAt,
    updatedAt: createdAt,
    ...patch,
  };
}

export function fakePayment(
  orderNo: string,
  createdAt: number,
  patch: Partial<PaymentRecord> = {},
): PaymentRecord {
  return {
    orderNo,
    status: 'queued',
    amountFen: 1999,
    deviceSerial: null,
    pinnedSerial: null,
    notificationText: null,
    review: null,
    cancelRequested: false,
    refundNeeded: false,
    resolution: null,
    expiresAt: createdAt + 120_000,
    createdAt,
    updatedAt: createdAt,
    ...patch,
  };
}

/** The line shape of AOSP ManagedServices.dump, as in the corpus's HyperOS capture. */
const LIVE_LISTENER_EVIDENCE =
  '    Live notification listeners (11):\n      ComponentInfo{com.cashier.phone/com.cashier.phone.PayNotificationListener} (user 0): android.service.notification.INotificationListener$Stub$Proxy@3b1c2d9';

export function fakeDevice(serial: string, now: number, patch: Partial<DeviceRecord> = {}): DeviceRecord {
  return {
    serial,
    state: 'ready',
    reason: null,
    model: 'Redmi Note 12',
    brand: 'Xiaomi',
    androidVersion: '13',
    rom: 'MIUI V140',
    localPort: 27101,
    health: [
      { name: 'app_installed', status: 'ok', checkedAt: now },
      { name: 'app_port_listening', status: 'ok', checkedAt: now },
      { name: 'notification_access', status: 'ok', checkedAt: now },
      {
        name: 'notification_listener',
        status: 'ok',
        command: 'dumpsys notification',
        evidence: LIVE_LISTENER_EVIDENCE,
        checkedAt: now,
      },
      { name: 'alipay_installed', status: 'ok', checkedAt: now },
      { name: 'screen_awake', status: 'ok', checkedAt: now },
      { name: 'screen_unlocked', status: 'ok', checkedAt: now },
      {
        name: 'battery_whitelist',
        status: 'warn',
        detail: "output not understood: unexpected line: Can't find service: deviceidle",
        command: 'dumpsys deviceidle whitelist',
        checkedAt: now,
      },
    ],
    activity: { kind: 'idle' },
    care: { recent: [], revivalsToday: 0, stopped: null, retryAt: null },
    firstSeenAt: now - 3_600_000,
    updatedAt: now,
    ...patch,
  };
}

/** A busy lunchtime: what the screenshots show and what the component tests start from. */
export function seedBusyShop(fake: FakeStation, now: number): void {
  const items = [
    { name: '招牌牛肉面', qty: 2, priceFen: 2800 },
    { name: '凉拌黄瓜', qty: 1, priceFen: 800 },
    { name: '冰红茶', qty: 2, priceFen: 500 },
  ];
  const orders = [
    fakeOrder('A1024', now - 8_000, {
      items,
      customer: { name: '王女士', phoneTail: '5821' },
      note: '不要香菜，多放辣',
    }),
    fakeOrder('A1023', now - 95_000, { amountFen: 1800, items: items.slice(0, 1) }),
    fakeOrder('A1019', now - 420_000, { rushCount: 2, lastRushAt: now - 30_000, amountFen: 5600, items }),
    fakeOrder('A1017', now - 610_000, {
      status: 'accepted',
      rushCount: 1,
      lastRushAt: now - 60_000,
      amountFen: 2450,
    }),
    fakeOrder('A1015', now - 700_000, { status: 'accepted', amountFen: 8800, items }),
    fakeOrder('A1012', now - 900_000, { status: 'accepted', amountFen: 1200, customer: { name: 'Li' } }),
  ];
  for (const o of orders) fake.orders.set(o.orderNo, o);

  const devices = [
    fakeDevice('8a7f3c21', now, {
      activity: { kind: 'busy', orderNo: 'P88031', since: now - 41_000 },
      state: 'busy',
    }),
    // Phone care kept this one going: the app was revived three times today, the last a minute
    // ago, and the app is not yet exempt from battery optimisation (the one-click fix shows).
    fakeDevice('9b2e7d45', now, {
      model: 'Mi 11',
      localPort: 27102,
      care: {
        recent: [60_000, 1_800_000, 5_400_000].map((ago) => ({
          action: 'revive_app' as const,
          result: 'done' as const,
          why: 'APP_DOWN',
          detail: 'ok',
          at: now - ago,
        })),
        revivalsToday: 3,
        stopped: null,
        retryAt: null,
      },
    }),
    fakeDevice('c4d19e02', now, {
      model: 'Galaxy A52',
      brand: 'samsung',
      rom: null,
      localPort: 27103,
      state: 'app-down',
      reason: {
        code: 'APP_DOWN',
        messageKey: 'device.reason.appDown.message',
        hintKey: 'device.reason.appDown.hint',
        params: { port: 10010 },
      },
      health: [
        { name: 'app_installed', status: 'ok', checkedAt: now },
        { name: 'app_port_listening', status: 'fail', detail: 'nothing on 10010', checkedAt: now },
      ],
    }),
    fakeDevice('R58M31XYZ', now, {
      model: null,
      brand: null,
      androidVersion: null,
      rom: null,
      localPort: null,
      health: [],
      state: 'unauthorized',
      reason: {
        code: 'ADB_UNAUTHORIZED',
        messageKey: 'device.reason.unauthorized.message',
        hintKey: 'device.reason.unauthorized.hint',
      },
    }),
  ];
  for (const d of devices) fake.devices.set(d.serial, d);
  // What `dumpsys` prints for a service the ROM does not have (AOSP cmds/dumpsys:
  // `"Can't find service: " << service`), behind the seeded battery warning.
  fake.rawOutputs.set('dumpsys deviceidle whitelist', "Can't find service: deviceidle\n");
  fake.rawOutputs.set('dumpsys notification', `  Notification listeners:\n${LIVE_LISTENER_EVIDENCE}\n`);

  const payments = [
    fakePayment('P88031', now - 45_000, {
      status: 'awaiting_result',
      deviceSerial: '8a7f3c21',
      amountFen: 12800,
    }),
    fakePayment('P88032', now - 20_000, { amountFen: 4500 }),
    fakePayment('P88033', now - 12_000, { amountFen: 990, pinnedSerial: '9b2e7d45' }),
    fakePayment('P88034', now - 3_000, { amountFen: 30000 }),
    fakePayment('P87990', now - 1_800_000, {
      status: 'unknown',
      deviceSerial: '9b2e7d45',
      amountFen: 6600,
      review: { reason: 'timeout', detail: 'no notification after 90 s' },
      updatedAt: now - 1_700_000,
    }),
    fakePayment('P87985', now - 2_400_000, {
      status: 'unknown',
      deviceSerial: '8a7f3c21',
      amountFen: 2000,
      review: { reason: 'amount_mismatch', detail: 'expected 20.00, read 12.00' },
      notificationText: '你已成功付款12.00元',
      updatedAt: now - 2_300_000,
    }),
  ];
  for (const p of payments) fake.payments.set(p.orderNo, p);
  fake.status.queueLength = 3;
  seedFleet(fake, now);

  const statuses = ['done', 'succeeded', 'cancelled', 'failed', 'done', 'succeeded', 'unknown'];
  fake.history = Array.from({ length: 10_000 }, (_, i) => {
    const kind = i % 2 === 0 ? 'order' : 'payment';
    const status = statuses[i % statuses.length];
    return {
      kind,
      orderNo: `${kind === 'order' ? 'A' : 'P'}${String(90_000 - i).padStart(6, '0')}`,
      status:
        kind === 'order'
          ? status === 'succeeded' || status === 'failed' || status === 'unknown'
            ? 'done'
            : status
          : status === 'done'
            ? 'succeeded'
            : status,
      amountFen: 500 + ((i * 137) % 20_000),
      deviceSerial: kind === 'payment' ? ['8a7f3c21', '9b2e7d45', 'c4d19e02'][i % 3] : null,
      rushCount: kind === 'order' ? i % 3 : 0,
      createdAt: now - i * 60_000,
      updatedAt: now - i * 60_000 + 30_000,
    } as const;
  });
}

/**
 * Two stations of one shop sharing a Redis, seen from the front counter (the busy shop's phones),
 * and a payment still claimed by a third station that is gone.
 */
export function seedFleet(fake: FakeStation, now: number): void {
  fake.settings = {
    ...fake.settings,
    fleet: {
      ...fake.settings.fleet,
      redisUrl: 'redis://10.0.0.5:6379/0',
      stationId: 'front-1',
      storeId: 'shop-12',
    },
  };
  const phones = [...fake.devices.values()].map((d) => ({ serial: d.serial, state: d.state }));
  fake.fleet = {
    enabled: true,
    stationId: 'front-1',
    storeId: 'shop-12',
    redis: 'connected',
    // As the fleet service words it for a Redis without its append-only file.
    durabilityWarning:
      'Redis runs without its append-only file (appendonly no): payments waiting in the stream are lost if Redis crashes. Set appendonly yes and appendfsync always (docs/FLEET.md).',
    stations: [
      {
        stationId: 'back-2',
        storeId: 'shop-12',
        version: '1.4.0',
        phones: [
          { serial: 'HQ7K2M19', state: 'ready' },
          { serial: 'HQ7K2M20', state: 'busy' },
          { serial: 'HQ7K2M21', state: 'ready' },
        ],
        ready: 2,
        free: 1,
        queued: 1,
        redisLagMs: 1_200,
        at: now - 3_000,
      },
      {
        stationId: 'front-1',
        storeId: 'shop-12',
        version: '1.4.0',
        phones,
        // As the fleet service counts: ready phones, and idle ready ones less what is queued here.
        ready: phones.filter((p) => p.state === 'ready').length,
        free: Math.max(0, phones.filter((p) => p.state === 'ready').length - fake.status.queueLength),
        queued: fake.status.queueLength,
        redisLagMs: null,
        at: now - 1_000,
      },
    ],
    orphanedClaims: [{ orderNo: 'P87950', stationId: 'kitchen-3', status: 'awaiting_result' }],
    outboxPending: 0,
  };
}
