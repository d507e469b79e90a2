import { createBridgeHandlers } from '../../src/main/core/bridge/bridge-handlers';
import type { Core, CoreOptions } from '../../src/main/core/create-core';
import { createCore } from '../../src/main/core/create-core';
import type { Payment } from '../../src/main/core/payments/payment-types';
import { isFinal } from '../../src/shared/domain/payment-status';
import type { DeviceRecord } from '../../src/shared/contract/record-schemas';
import type { SimulatedPhone, SimulatedPhoneOptions } from '../../src/sim/adb-device/simulated-phone';
import { createSimulatedPhone } from '../../src/sim/adb-device/simulated-phone';
import type { TestAdbServer } from './adb-server';
import { startTestAdbServer } from './adb-server';
import { waitFor } from './adb-station';
import { makeTempDir } from './temp-dir';

/**
 * The real station core in this process, on a private real adb server, with simulated phones
 * plugged in over the ADB transport. Payments travel core → adb forward → phone-app simulator.
 */
export interface CoreRig {
  adb: TestAdbServer;
  core: Core;
  /** The station's HTTP API, on a free port. */
  apiUrl: string;
  phones: SimulatedPhone[];
  addPhone(options?: SimulatedPhoneOptions): Promise<SimulatedPhone>;
  waitReady(phone: SimulatedPhone, timeoutMs?: number): Promise<void>;
  /** The payment once it is final (succeeded, failed, unknown, cancelled, expired). */
  final(orderNo: string, timeoutMs?: number): Promise<Payment>;
  /** A phone as the window's bridge lists it: its readiness with the engine's activity (settling…). */
  shown(serial: string): Promise<DeviceRecord | undefined>;
  close(): Promise<void>;
}

export async function createCoreRig(options: Partial<CoreOptions> = {}): Promise<CoreRig> {
  const temp = makeTempDir('core-rig-');
  const adb = await startTestAdbServer();
  const core = await createCore({
    dataDir: temp.dir,
    httpPort: 0,
    adbPort: adb.port,
    adbBin: '/usr/bin/adb',
    adbServerEnv: adb.env,
    env: {
      ...process.env,
      STATION_API_KEY: 'cs_rig_key_0001',
      STATION_API_SECRET: 'rig-secret-0123456789abcdef',
    },
    connectGraceMs: 20,
    logError: () => undefined,
    ...options,
  });
  const { apiUrl } = await core.start();
  const phones: SimulatedPhone[] = [];
  const bridge = createBridgeHandlers(core.bridge);
  return {
    adb,
    core,
    apiUrl,
    phones,
    async addPhone(o) {
      const phone = createSimulatedPhone(o);
      await phone.listen();
      await phone.plugInto({ host: '127.0.0.1', port: adb.port });
      phones.push(phone);
      return phone;
    },
    async waitReady(phone, timeoutMs = 20_000) {
      await waitFor(
        `${phone.serial} ready`,
        () => core.devices.get(phone.serial)?.state === 'ready',
        timeoutMs,
      );
    },
    final: (orderNo, timeoutMs = 20_000) =>
      waitFor(
        `${orderNo} final`,
        () => {
          const p = core.payments.get(orderNo);
          return p && isFinal(p) ? p : null;
        },
        timeoutMs,
      ),
    async shown(serial) {
      const { devices } = await bridge['devices:list']({});
      return devices.find((d) => d.serial === serial);
    },
    async close() {
      await core.stop();
      for (const p of phones) await p.close();
      await adb.close();
      temp.cleanup();
    },
  };
}
