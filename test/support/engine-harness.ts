import path from 'node:path';
import type { DeviceView } from '../../src/main/core/payments/device-view';
import { combineDeviceView } from '../../src/main/core/payments/device-view';
import type { PaymentEngine, PaymentEngineOptions } from '../../src/main/core/payments/payment-engine';
import { createPaymentEngine } from '../../src/main/core/payments/payment-engine';
import type { Payment } from '../../src/main/core/payments/payment-types';
import type { PhoneActivityReport } from '../../src/main/core/payments/phone-activity';
import type { EngineSettings } from '../../src/main/core/payments/payment-engine';
import type { PaymentSettings } from '../../src/shared/settings/payment-settings';
import type { Storage } from '../../src/main/core/storage/storage';
import { openStorage } from '../../src/main/core/storage/storage';
import type { FakeDevices } from './fake-devices';
import { engineSettings } from './engine-settings';
import { createFakeDevices } from './fake-devices';
import { makeTempDir } from './temp-dir';
import { writeCallbacksOnFinal } from '../../src/main/core/callbacks/callback-event';

/** Fast settings for simulated phones: short timeout and settle, too-fast check off. */
export const FAST_SETTINGS: Partial<PaymentSettings> = {
  resultTimeoutMs: 400,
  settleMs: 300,
  minResultMs: 0,
};

export interface EngineHarness {
  dir: string;
  file: string;
  storage: Storage;
  devices: FakeDevices;
  engine: PaymentEngine;
  settings: EngineSettings;
  /** Every change of what the engine shows for a phone, in order, across restarts. */
  activities: PhoneActivityReport[];
  /** A phone as the window and the API show it: its readiness combined with the engine's activity. */
  view(serial: string): DeviceView | undefined;
  /** Stops the engine and reopens storage + engine on the same file (a restart). */
  restart(extra?: Partial<PaymentEngineOptions>): Promise<void>;
  final(orderNo: string, ms?: number): Promise<Payment>;
  close(): Promise<void>;
}

export async function createEngineHarness(
  settings: Partial<PaymentSettings> = {},
  extra: Partial<PaymentEngineOptions> = {},
): Promise<EngineHarness> {
  const tmp = makeTempDir('engine-');
  const file = path.join(tmp.dir, 'station.db');
  const devices = createFakeDevices();
  const h = {
    dir: tmp.dir,
    file,
    devices,
    settings: engineSettings({ ...FAST_SETTINGS, ...settings }),
    activities: [] as PhoneActivityReport[],
  } as EngineHarness;

  function build(more: Partial<PaymentEngineOptions>): void {
    h.storage = openStorage({ file, synchronous: 'normal' });
    h.engine = createPaymentEngine({
      storage: h.storage,
      devices,
      settings: () => h.settings,
      connectGraceMs: 0,
      notDeliveredBackoffMs: 50,
      restartRetryMs: 100,
      stopGraceMs: 200,
      onError: (err) => {
        throw err;
      },
      ...extra,
      ...more,
    });
    // As the station wires it: every final state writes its callback in the same transaction.
    writeCallbacksOnFinal(h.engine, h.storage.outbox);
    h.engine.phones.on('changed', (report) => h.activities.push(report));
  }
  build({});
  await h.engine.start();

  h.restart = async (more = {}) => {
    await h.engine.stop();
    h.storage.close();
    build(more);
    await h.engine.start();
  };
  h.view = (serial) => {
    const device = devices.get(serial);
    return device && combineDeviceView(device, h.engine.phones.current(serial));
  };
  h.final = async (orderNo, ms = 5_000) => {
    const p = await h.engine.waitForFinal(orderNo, ms);
    if (!p) throw new Error(`no payment ${orderNo}`);
    return p;
  };
  h.close = async () => {
    await h.engine.stop();
    await devices.close();
    h.storage.close();
    tmp.cleanup();
  };
  return h;
}

/** A QR content whose `amount=` the simulator's default success text repeats. */
export const qr = (yuan: string, tag = 'x') => `https://qr.alipay.com/fkx?amount=${yuan}&t=${tag}`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls a condition (for things with no event to wait on, like a phone becoming idle). */
export async function until(cond: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
