import { describe, expect, it } from 'vitest';
import {
  parseBatteryWhitelisted,
  parseListenerBound,
  parseLocked,
  parsePmPath,
  parseProcNetListening,
  parseScreenOn,
} from '../../../../../src/main/core/devices/health-parsers';

const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:271A 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 10123        0 41234 1 0000000000000000 100 0 0 10 0
   1: 0000000000000000FFFF00000100007F:271A 0000000000000000FFFF00000100007F:9C40 01 00000000:00000000 00:00000000 00000000 10123        0 41235 1 0000000000000000 20 4 30 10 -1
`;
const TCP4 = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1234 1 0000000000000000 100 0 0 10 0
`;

describe('health parsers', () => {
  it('pm path', () => {
    expect(parsePmPath('package:/data/app/com.x-1/base.apk\n')).toBe(true);
    expect(parsePmPath('')).toBe(false);
    expect(parsePmPath('Error: something odd')).toBeNull();
  });

  it('/proc/net/tcp*: only a LISTEN row on the port counts', () => {
    expect(parseProcNetListening(TCP4 + TCP6, 10010)).toBe(true);
    expect(parseProcNetListening(TCP4 + TCP6, 8080 + 1)).toBe(false);
    expect(parseProcNetListening(TCP4, 8080)).toBe(true);
    // An established connection from the port is not a listener.
    expect(
      parseProcNetListening(
        TCP6.split('\n')
          .filter((l) => !l.includes(' 0A '))
          .join('\n'),
        10010,
      ),
    ).toBe(false);
    expect(parseProcNetListening('cat: /proc/net/tcp: Permission denied', 10010)).toBeNull();
  });

  it('dumpsys notification: the package among live listeners', () => {
    const dump = `  Notification listeners:
    Live notification listeners (2):
      0: ManagedServiceInfo[component=ComponentInfo{com.android.systemui/com.android.systemui.X},userid=0]
      1: ManagedServiceInfo[component=ComponentInfo{com.cashier.phone/com.cashier.phone.L},userid=0]
    Snoozed notifications:
      com.cashier.phone/...`;
    expect(parseListenerBound(dump, 'com.cashier.phone')).toBe(true);
    expect(parseListenerBound(dump, 'com.other')).toBe(false);
    const unbound = dump.replace(/ {6}1: .*\n/, '');
    expect(parseListenerBound(unbound, 'com.cashier.phone')).toBe(false);
    expect(parseListenerBound("Can't find service: notification", 'com.cashier.phone')).toBeNull();
  });

  it('screen on and lock across Android versions', () => {
    expect(parseScreenOn('  mWakefulness=Awake\n')).toBe(true);
    expect(parseScreenOn('  mWakefulness=Asleep\n')).toBe(false);
    expect(parseScreenOn('Display Power: state=ON')).toBe(true);
    expect(parseScreenOn('nothing')).toBeNull();
    expect(parseLocked('mDreamingLockscreen=false mShowingLockscreen=false')).toBe(false);
    expect(parseLocked('mShowingLockscreen=true')).toBe(true);
    expect(parseLocked('KeyguardController:\n  mKeyguardShowing=true')).toBe(true);
    expect(parseLocked('isStatusBarKeyguard=false')).toBe(false);
    expect(parseLocked('no such fields')).toBeNull();
  });

  it('battery whitelist', () => {
    const out = 'system-excidle,com.android.phone,1001\nuser,com.cashier.phone,10123\n';
    expect(parseBatteryWhitelisted(out, 'com.cashier.phone')).toBe(true);
    expect(parseBatteryWhitelisted(out, 'com.other')).toBe(false);
    expect(parseBatteryWhitelisted('', 'com.x')).toBe(false);
    expect(parseBatteryWhitelisted('Unknown command: whitelist', 'com.x')).toBeNull();
  });
});
