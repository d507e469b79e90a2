import { afterEach, describe, expect, it } from 'vitest';
import { subscribeBridgeEvents } from '../../../src/main/core/bridge/bridge-events';
import { devicesResponseSchema, healthResponseSchema } from '../../../src/shared/api/status-schemas';
import type { EventMessage } from '../../../src/shared/contract/bridge-types';
import type { DeviceRecord, StationStatus } from '../../../src/shared/contract/record-schemas';
import { createInjectClient } from '../../support/api-client';
import { waitFor } from '../../support/adb-station';
import type { CoreRig } from '../../support/core-rig';
import { createCoreRig } from '../../support/core-rig';

// The device manager reports raw readiness; the engine's activity is added where phones are
// shown. Through the real core and adb: the window's events and the API agree on what a phone
// is doing, and the device manager alone never says "busy".

let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const qr = (yuan: string, tag: string) => `https://qr.alipay.com/fkx?amount=${yuan}&t=${tag}`;

describe('a phone as the window and the API show it (real adb)', () => {
  it('busy, settling and ready again reach the window as events; the API shows the same', async () => {
    rig = await createCoreRig({
      settingsOverrides: { payments: { resultTimeoutMs: 2_000, settleMs: 1_500, minResultMs: 0 } },
    });
    const r = rig;
    const phone = await r.addPhone({
      model: 'VIEW',
      app: { defaultBehavior: { kind: 'notify', afterMs: 700 } },
    });
    await r.waitReady(phone);
    const events: EventMessage[] = [];
    const off = subscribeBridgeEvents(r.core.bridge, (m) => events.push(m));
    const api = createInjectClient(r.core.api, {
      credentials: { key: 'cs_rig_key_0001', secret: 'rig-secret-0123456789abcdef' },
      now: () => Date.now(),
    });
    const shownByApi = async () =>
      devicesResponseSchema
        .parse((await api.send({ method: 'GET', target: '/api/v1/devices' })).json)
        .devices.find((d) => d.serial === phone.serial);
    const changes = () =>
      events
        .filter((m) => m.name === 'device:changed')
        .map((m) => m.payload as DeviceRecord)
        .filter((d) => d.serial === phone.serial);

    r.core.payments.create({ orderNo: 'V1', amountFen: 100, qrCode: qr('1.00', 'V1') });
    await waitFor('busy shown', () => changes().some((d) => d.state === 'busy'));
    expect(changes().find((d) => d.state === 'busy')).toMatchObject({
      reason: null,
      activity: { kind: 'busy', orderNo: 'V1' },
    });
    expect(await shownByApi()).toMatchObject({ state: 'busy', reason: null, busyWith: 'V1' });
    const health = healthResponseSchema.parse(
      (await api.send({ method: 'GET', target: '/api/v1/health' })).json,
    );
    expect(health.devices).toMatchObject({ ready: 0, busy: 1 });
    // The device manager itself only knows the phone is fine.
    expect(r.core.devices.get(phone.serial)).toMatchObject({ state: 'ready', reason: null });
    expect(r.core.devices.get(phone.serial)).not.toHaveProperty('activity');
    await waitFor('V1 paid', () => r.core.payments.get('V1')?.status === 'succeeded');
    await waitFor('ready shown', () => changes().at(-1)?.state === 'ready');

    // A wedge: the restarts, then the settle countdown, each reaches the window.
    phone.app.queueBehavior({ kind: 'never' });
    r.core.payments.create({ orderNo: 'V2', amountFen: 100, qrCode: qr('1.00', 'V2') });
    await waitFor('settling shown', () => changes().some((d) => d.reason?.code === 'SETTLING'));
    const settling = changes().find((d) => d.reason?.code === 'SETTLING')!;
    expect(settling).toMatchObject({
      state: 'needs-attention',
      activity: { kind: 'needs-attention', reason: { code: 'SETTLING' } },
    });
    expect(changes().map((d) => d.reason?.code)).toContain('RESTARTING_APP');
    expect(await shownByApi()).toMatchObject({
      state: 'needs-attention',
      reason: { code: 'SETTLING' },
      busyWith: null,
    });
    await waitFor('ready again', () => changes().at(-1)?.state === 'ready', 15_000);
    expect(r.core.payments.get('V2')?.status).toBe('unknown');
    expect(await shownByApi()).toMatchObject({ state: 'ready', reason: null, busyWith: null });
    const status = events.filter((m) => m.name === 'status:changed').map((m) => m.payload as StationStatus);
    await waitFor('status counts the phone ready', () => {
      const all = events.filter((m) => m.name === 'status:changed');
      return (all.at(-1)?.payload as StationStatus | undefined)?.phonesReady === 1;
    });
    // While it was paying or settling, the status bar did not count it as ready.
    expect(status.some((s) => s.phonesReady === 0)).toBe(true);
    off();
  }, 60_000);
});
