import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostRequest } from '../../../src/main/core/adb/host-request';
import { exchangeWithPhone } from '../../../src/main/core/phone/phone-client';
import type { SimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import { findFreePort } from '../../support/adb-server';
import type { StationRig } from '../../support/adb-station';
import { createStationRig, waitFor } from '../../support/adb-station';

// Real adb 29 server, three simulated phones attached with `connect`, the real device manager.

describe('phones through a real adb server: plug and unplug', () => {
  let rig: StationRig;
  let phones: SimulatedPhone[];

  beforeAll(async () => {
    rig = await createStationRig();
    await rig.station.start();
    phones = [];
    // Three real profiles: the card's model, brand and version come from their getprop captures.
    for (const profile of ['android11-miui', 'android9-harmonyos', 'android15-coloros']) {
      phones.push(await rig.addPhone({ profile }));
    }
  });
  afterAll(async () => rig?.close());

  it('brings every phone to ready with its properties, health and a forward of its own', async () => {
    const snaps = await Promise.all(phones.map((p) => rig.waitState(p.serial, 'ready')));
    expect(snaps.map((s) => [s.model, s.brand, s.androidVersion, s.rom])).toEqual([
      ['Redmi Note 8 Pro', 'Redmi', '11', 'MIUI V125'],
      ['JKM-AL00', 'HUAWEI', '9', 'HarmonyOS 2.0.0'],
      ['PHM110', 'OPPO', '15', 'ColorOS V15.0.0'],
    ]);
    const ports = snaps.map((s) => s.localPort);
    expect(new Set(ports).size).toBe(3);
    for (const s of snaps) {
      expect(s.reason).toBeNull();
      expect(s.health.map((h) => [h.name, h.status])).toEqual([
        ['app_installed', 'ok'],
        ['app_port_listening', 'ok'],
        ['notification_access', 'ok'],
        ['notification_listener', 'ok'],
        ['alipay_installed', 'ok'],
        ['screen_awake', 'ok'],
        ['screen_unlocked', 'ok'],
        ['battery_whitelist', 'ok'],
      ]);
    }
    const forwards = await rig.adb.listForwards();
    for (const s of snaps) {
      expect(forwards).toContainEqual({ serial: s.serial, local: `tcp:${s.localPort}`, remote: 'tcp:10010' });
      expect(rig.store.saved.get(s.serial)).toBe(s.localPort);
    }
    // The phone went through connecting before ready, and each state change was an event.
    const first = rig.events.filter((e) => e.serial === phones[0].serial).map((e) => e.state);
    expect(first).toContain('connecting');
    expect(first[first.length - 1]).toBe('ready');
  });

  it('carries a payment command through each forward to that phone app and its reply back', async () => {
    for (const [i, p] of phones.entries()) {
      const port = rig.station.get(p.serial)!.localPort!;
      const outcome = await exchangeWithPhone({
        to: { port, connectGraceMs: 50 },
        command: { groupId: 1, msg: `https://qr.alipay.com/x?amount=${i + 1}.25` },
        resultTimeoutMs: 5000,
      });
      expect(outcome).toMatchObject({ kind: 'result', text: `你已成功付款${i + 1}.25元` });
      // The command reached this phone's app and no other.
      expect(p.app.commands.map((c) => c.msg)).toEqual([`https://qr.alipay.com/x?amount=${i + 1}.25`]);
    }
  });

  it('sees the app crash mid-payment, then restarts it and takes payments again', async () => {
    const p = phones[1];
    const port = rig.station.get(p.serial)!.localPort!;
    p.app.queueBehavior({ kind: 'crash', afterMs: 20 });
    const outcome = await exchangeWithPhone({
      to: { port, connectGraceMs: 50 },
      command: { groupId: 1, msg: 'qr?amount=3.00' },
      resultTimeoutMs: 5000,
    });
    expect(outcome.kind).toBe('delivered_no_result');
    const after = await rig.station.refresh(p.serial);
    expect(after?.state).toBe('app-down');
    expect(after?.reason?.code).toBe('APP_DOWN');

    await rig.station.restartApp(p.serial);
    expect(rig.station.get(p.serial)?.state).toBe('ready');
    expect(p.shellLog.filter((l) => l.startsWith('am '))).toEqual([
      "am force-stop 'com.cashier.phone'",
      "am start -n 'com.cashier.phone/.MainActivity'",
    ]);
    const again = await exchangeWithPhone({
      to: { port, connectGraceMs: 50 },
      command: { groupId: 1, msg: 'qr?amount=4.00' },
      resultTimeoutMs: 5000,
    });
    expect(again).toMatchObject({ kind: 'result', text: '你已成功付款4.00元' });
  });

  it('moves a phone to a new port when another adb user rebinds its port, leaving theirs alone', async () => {
    const [, thief, victim] = phones;
    const stolen = rig.station.get(victim.serial)!.localPort!;
    // Forwarding a bound port again rebinds it: the victim's port now leads to the thief.
    await hostRequest(
      { port: rig.server.port },
      `host-serial:${thief.serial}:forward:tcp:${stolen};tcp:7777`,
      'okay-okay',
    );
    const moved = await waitFor('the station to notice and move the phone', () => {
      const s = rig.station.get(victim.serial);
      return s?.state === 'ready' && s.localPort !== stolen ? s.localPort : undefined;
    });
    const forwards = await rig.adb.listForwards();
    expect(forwards).toContainEqual({ serial: thief.serial, local: `tcp:${stolen}`, remote: 'tcp:7777' });
    expect(forwards).toContainEqual({ serial: victim.serial, local: `tcp:${moved}`, remote: 'tcp:10010' });
    expect(rig.store.saved.get(victim.serial)).toBe(moved);
    const outcome = await exchangeWithPhone({
      to: { port: moved!, connectGraceMs: 50 },
      command: { groupId: 1, msg: 'qr?amount=9.99' },
      resultTimeoutMs: 5000,
    });
    expect(outcome).toMatchObject({ kind: 'result', text: '你已成功付款9.99元' });
    expect(victim.app.commands.map((c) => c.msg)).toContain('qr?amount=9.99');
  });

  it("on unplug reports the phone gone and removes its forward, and no one else's", async () => {
    const [gone, stays] = phones;
    // Another program's forward on a phone that stays, outside the station's range.
    const otherPort = await findFreePort();
    await hostRequest(
      { port: rig.server.port },
      `host-serial:${stays.serial}:forward:tcp:${otherPort};tcp:7777`,
      'okay-okay',
    );

    const removed = new Promise<string | undefined>((resolve) =>
      rig.station.on('removed', (s) => s.serial === gone.serial && resolve(s.state)),
    );
    await gone.unplug();
    expect(await removed).toBe('gone');
    expect(rig.station.get(gone.serial)).toBeUndefined();
    const forwards = await waitFor('the forward of the unplugged phone to go', async () => {
      const list = await rig.adb.listForwards();
      return list.some((f) => f.serial === gone.serial) ? undefined : list;
    });
    expect(forwards).toContainEqual({ serial: stays.serial, local: `tcp:${otherPort}`, remote: 'tcp:7777' });
    expect(rig.station.get(stays.serial)?.state).toBe('ready');
  });

  it('keeps the same local port for a phone across a station restart, and stop() removes only its own forwards', async () => {
    const p = phones[2];
    const before = rig.station.get(p.serial)!.localPort;
    await rig.station.stop();
    let forwards = await rig.adb.listForwards();
    expect(forwards.filter((f) => f.remote === 'tcp:10010')).toEqual([]);
    expect(forwards.some((f) => f.remote === 'tcp:7777')).toBe(true);

    const second = rig.newStation();
    await second.start();
    const snap = await waitFor('the restarted station to see the phone ready', () => {
      const s = second.get(p.serial);
      return s?.state === 'ready' ? s : undefined;
    });
    expect(snap.localPort).toBe(before);
    await second.stop();
    forwards = await rig.adb.listForwards();
    expect(forwards.some((f) => f.remote === 'tcp:7777')).toBe(true);
  });
});
