import { describe, expect, it } from 'vitest';
import {
  AdbCommandFailedError,
  AdbDeviceUnavailableError,
  AdbServerUnavailableError,
} from '../../../../../src/main/core/adb/adb-errors';
import { fromAdbkitError } from '../../../../../src/main/core/adb/adbkit-errors';
import { parseDevicesL } from '../../../../../src/main/core/adb/commands/list-devices';
import { parseForwardList } from '../../../../../src/main/core/adb/commands/list-forwards';
import { diffDeviceLists, parseTrackMessage } from '../../../../../src/main/core/adb/commands/track-devices';

describe('devices-l parser', () => {
  it('reads adb 29 lines, including states with spaces', () => {
    const text = [
      '127.0.0.1:38317        device product:p1 model:P1 device:p1 transport_id:1',
      '127.0.0.1:42043        unauthorized transport_id:2',
      '0123456789ABCDEF       no permissions (user in plugdev group; are your udev rules wrong?); see [http://developer.android.com/tools/device.html] usb:1-1 transport_id:3',
      'emulator-5554          offline transport_id:4',
      'R58M123               recovery usb:1-2 transport_id:5',
      '',
    ].join('\n');
    expect(parseDevicesL(text).map((d) => [d.serial, d.type])).toEqual([
      ['127.0.0.1:38317', 'device'],
      ['127.0.0.1:42043', 'unauthorized'],
      ['0123456789ABCDEF', 'no-permissions'],
      ['emulator-5554', 'offline'],
      ['R58M123', 'mode'],
    ]);
    expect(parseDevicesL('')).toEqual([]);
  });
});

describe('list-forward parser', () => {
  it('reads serial, local and remote per line', () => {
    expect(parseForwardList('A tcp:1 tcp:10010\nB tcp:2 localabstract:x\n\n')).toEqual([
      { serial: 'A', local: 'tcp:1', remote: 'tcp:10010' },
      { serial: 'B', local: 'tcp:2', remote: 'localabstract:x' },
    ]);
  });
});

describe('adbkit error mapping', () => {
  it('maps refused connections and failed server starts to "server unavailable"', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5037'), { code: 'ECONNREFUSED' });
    expect(fromAdbkitError(refused, 'h:1', 'x')).toBeInstanceOf(AdbServerUnavailableError);
    const exec = Object.assign(new Error('Command failed: /bin/false -P 1 start-server'), {
      code: 1,
      cmd: '/bin/false',
    });
    expect(fromAdbkitError(exec, 'h:1', 'x')).toBeInstanceOf(AdbServerUnavailableError);
  });

  it('maps FAIL texts about the device to "device unavailable", others to "command failed"', () => {
    const gone = fromAdbkitError(
      new Error("Failure: 'device '127.0.0.1:5' not found'"),
      'h:1',
      'x',
      '127.0.0.1:5',
    );
    expect(gone).toBeInstanceOf(AdbDeviceUnavailableError);
    expect(gone.code).toBe('ADB_DEVICE_UNAVAILABLE');
    const other = fromAdbkitError(new Error("Failure: 'something else'"), 'h:1', 'x', 'S');
    expect(other).toBeInstanceOf(AdbCommandFailedError);
    expect((other as AdbCommandFailedError).serverMessage).toBe('something else');
    expect(other.message).toMatch(/Check/);
  });
});

describe('track-devices messages', () => {
  it('parses serial<TAB>state lines', () => {
    expect(parseTrackMessage('127.0.0.1:1\toffline\nABC\tno permissions (udev); see x\n')).toEqual([
      { serial: '127.0.0.1:1', type: 'offline', rawType: 'offline' },
      { serial: 'ABC', type: 'no-permissions', rawType: 'no permissions (udev); see x' },
    ]);
    expect(parseTrackMessage('')).toEqual([]);
  });

  it('diffs lists into added or changed devices and removed serials', () => {
    const prev = new Map([
      ['A', 'offline'],
      ['B', 'device'],
    ]);
    const next = parseTrackMessage('A\tdevice\nB\tdevice\nC\toffline\n');
    expect(diffDeviceLists(prev, next)).toEqual({
      changed: [
        { serial: 'A', type: 'device', rawType: 'device' },
        { serial: 'C', type: 'offline', rawType: 'offline' },
      ],
      removed: [],
    });
    expect(diffDeviceLists(prev, [])).toEqual({ changed: [], removed: ['A', 'B'] });
  });
});
