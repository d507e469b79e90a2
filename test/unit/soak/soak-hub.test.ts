import { describe, expect, it } from 'vitest';
import { parseDeviceList, phonesToConnect } from '../../soak/soak-hub';

describe('soak hub: which phones to adb connect', () => {
  it('reads host:devices lines as serial and state', () => {
    const listed = parseDeviceList('127.0.0.1:5001\tdevice\n127.0.0.1:5002\toffline\n\n');
    expect([...listed]).toEqual([
      ['127.0.0.1:5001', 'device'],
      ['127.0.0.1:5002', 'offline'],
    ]);
    expect(parseDeviceList('').size).toBe(0);
  });

  const phone = (serial: string, plugged = true) => ({ serial, plugged });

  it('connects a plugged phone the running server does not list', () => {
    const phones = [phone('a'), phone('b'), phone('c')];
    const listed = new Map([['a', 'device']]);
    expect(phonesToConnect(phones, listed).map((p) => p.serial)).toEqual(['b', 'c']);
  });

  it('leaves a phone whose cable is out', () => {
    const phones = [phone('a', false), phone('b')];
    expect(phonesToConnect(phones, new Map()).map((p) => p.serial)).toEqual(['b']);
  });

  it('leaves a listed phone in any state to the server (it is coming up or going away)', () => {
    const phones = [phone('a'), phone('b')];
    const listed = new Map([
      ['a', 'offline'],
      ['b', 'connecting'],
    ]);
    expect(phonesToConnect(phones, listed)).toEqual([]);
  });
});
