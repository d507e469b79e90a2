import type { SimulatedPhone } from '../sim/adb-device/simulated-phone';
import { deviceProfile } from '../sim/adb-device/profiles/device-profiles';
import { createSimulatedPhone } from '../sim/adb-device/simulated-phone';
import type { DemoTimings } from './demo-args';
import { WEDGE_MARKER } from './demo-backend';
import type { DemoLog } from './demo-log';

export interface DemoPhone {
  readonly name: string;
  readonly phone: SimulatedPhone;
  /** The profile's captures show a phone that is ready (the others stay out of rotation). */
  readonly payable: boolean;
}

/**
 * One simulated phone per device profile, plugged into the demo's adb server: each answers the
 * station's checks from the real captures of its kind of phone. Each "pays" after a human-like
 * delay; a QR code carrying {@link WEDGE_MARKER} makes the app never report, like a payment
 * whose Alipay notification never comes (the reference phone app's wedge hazard).
 */
export async function plugDemoPhones(
  adbPort: number,
  profiles: readonly string[],
  timings: DemoTimings,
  log: DemoLog,
): Promise<DemoPhone[]> {
  const phones: DemoPhone[] = [];
  for (const id of profiles) {
    const profile = deviceProfile(id);
    const phone = createSimulatedPhone({ profile });
    const name = `${phone.model} (${id})`;
    const [min, max] = timings.answerMs;
    // 'command' fires before the app picks its behaviour, so this decides how this payment goes.
    phone.app.on('command', (cmd: { msg: string }) => {
      if (cmd.msg.includes(WEDGE_MARKER)) {
        phone.app.queueBehavior({ kind: 'never' });
        log.line('phone', `${name} opened Alipay… and no notification will ever come`);
        return;
      }
      phone.app.setDefaultBehavior({
        kind: 'notify',
        afterMs: Math.round(min + Math.random() * (max - min)),
      });
    });
    await phone.listen();
    await phone.plugInto({ host: '127.0.0.1', port: adbPort });
    const payable = profile.expect.state === 'ready';
    if (profile.expect.state !== 'ready') {
      log.line(
        'phone',
        `${name} starts as its captures show (${profile.title}): the station should say ${profile.expect.reason}`,
      );
    }
    phones.push({ name, phone, payable });
  }
  return phones;
}
