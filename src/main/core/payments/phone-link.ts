import type { DeviceService, DeviceTcpOpen } from '../devices/device-types';
import type { PhoneConnection, PhoneConnector, TcpTarget } from '../phone/phone-client';
import type { DispatchVia } from '../../../shared/settings/payment-settings';

/** What the adb transport said, as the phone client's outcome. Only `open` lets the command be written. */
export function toPhoneConnection(r: DeviceTcpOpen): PhoneConnection {
  switch (r.kind) {
    case 'open':
      return { kind: 'connected', socket: r.socket, early: r.early };
    case 'refused':
      return { kind: 'not_delivered', reason: 'refused', detail: r.detail };
    case 'closed':
      return { kind: 'not_delivered', reason: 'closed_before_write', detail: r.detail };
    case 'timeout':
      return { kind: 'not_delivered', reason: 'connect_timeout', detail: r.detail };
    case 'no_device':
    case 'unavailable':
    case 'failed':
      return { kind: 'not_delivered', reason: 'error', detail: r.detail };
  }
}

export interface PhoneLinkOptions {
  devices: DeviceService;
  serial: string;
  via: DispatchVia;
  /** The phone's forward, for `forward` mode; null when it has none. */
  localPort: number | null;
  /** The pause of `forward` mode (see {@link TcpTarget.connectGraceMs}). */
  connectGraceMs?: number;
}

/**
 * Where one payment goes: through adb's transport, which says exactly whether the phone app took
 * the connection, or through the phone's forward with a grace pause. Null when `forward` mode
 * has no forward to use.
 */
export function phoneLink(o: PhoneLinkOptions): PhoneConnector | TcpTarget | null {
  if (o.via === 'transport')
    return (timeoutMs) => o.devices.openApp(o.serial, timeoutMs).then(toPhoneConnection);
  if (o.localPort === null) return null;
  return {
    port: o.localPort,
    ...(o.connectGraceMs === undefined ? {} : { connectGraceMs: o.connectGraceMs }),
  };
}
