import type { SimulatedPhone } from '../sim/adb-device/simulated-phone';
import { createSimulatedPhone } from '../sim/adb-device/simulated-phone';
import type { DemoTimings } from './demo-args';
import { WEDGE_MARKER } from './demo-backend';
import type { DemoLog } from './demo-log';

export interface DemoPhone {
  readonly name: string;
  readonly phone: SimulatedPhone;
}

const MODELS = [
  { model: 'DEMO-A', brand: 'Xiaomi', androidVersion: '11' },
  { model: 'DEMO-B', brand: 'HUAWEI', androidVersion: '10' },
  { model: 'DEMO-C', brand: 'OPPO', androidVersion: '12' },
];

/**
 * Three simulated phones plugged into the demo's adb server. Each "pays" after a human-like
 * delay; a QR code carrying {@link WEDGE_MARKER} makes the app never report, like a payment
 * whose Alipay notification never comes (the seed's wedge hazard).
 */
export async function plugDemoPhones(
  adbPort: number,
  timings: DemoTimings,
  log: DemoLog,
): Promise<DemoPhone[]> {
  const phones: DemoPhone[] = [];
  for (const spec of MODELS) {
    const phone = createSimulatedPhone({ ...spec });
    const [min, max] = timings.answerMs;
    // 'command' fires before the app picks its behaviour, so this decides how this payment goes.
    phone.app.on('command', (cmd: { msg: string }) => {
      if (cmd.msg.includes(WEDGE_MARKER)) {
        phone.app.queueBehavior({ kind: 'never' });
        log.line('phone', `${spec.model} opened Alipay… and no notification will ever come`);
        return;
      }
      phone.app.setDefaultBehavior({
        kind: 'notify',
        afterMs: Math.round(min + Math.random() * (max - min)),
      });
    });
    await phone.listen();
    await phone.plugInto({ host: '127.0.0.1', port: adbPort });
    phones.push({ name: spec.model, phone });
  }
  return phones;
}
