import type { DeviceReason } from '../devices/device-types';
import type { TypedEmitter } from '../util/typed-emitter';

/**
 * What the payment engine is doing with one phone, in the words the window and the API use:
 * paying an order, out of rotation for a reason of its own (settling after a wedge, restarting
 * the app…), or nothing. The device manager never sees it; {@link combineDeviceView} puts the
 * two together where a phone is shown.
 */
export type PhoneActivity =
  | { kind: 'idle' }
  | { kind: 'busy'; orderNo: string; since: number }
  | { kind: 'needs-attention'; reason: DeviceReason; until: number | null };

/** One phone's activity and when it last changed (ms), so a view can say when it changed. */
export interface PhoneActivityReport {
  serial: string;
  activity: PhoneActivity;
  /** 0 for a phone the engine has not done anything with in this run. */
  at: number;
}

export interface PhoneActivityEvents extends Record<string, unknown> {
  /** Emitted only when what is shown changes (a settle countdown changes once a second). */
  changed: PhoneActivityReport;
}

/** The engine's activity per phone, for whoever shows phones (the bridge and the API). */
export interface PhoneActivitySource extends TypedEmitter<PhoneActivityEvents> {
  current(serial: string): PhoneActivityReport;
}

export const IDLE_ACTIVITY: PhoneActivity = { kind: 'idle' };

/** A source for places without an engine: every phone shows its raw readiness. */
export const NO_PHONE_ACTIVITY: Pick<PhoneActivitySource, 'current'> = {
  current: (serial) => ({ serial, activity: IDLE_ACTIVITY, at: 0 }),
};
