import type { DeviceService, DeviceTcpOpen } from '../devices/device-types';
import type { PhoneConnection, PhoneConnector, TcpTarget } from '../phone/phone-client';
import { CONNECT_TIMEOUT_MS } from '../phone/phone-client';
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

/** A way to one phone's app, possibly already opening. */
export interface PhoneLink {
  to: PhoneConnector | TcpTarget;
  /** The payment will not go after all: closes a connection opened early, writing nothing. */
  abandon(): void;
}

/**
 * Where one payment goes: through adb's transport, which says exactly whether the phone app took
 * the connection, or through the phone's forward with a grace pause. Null when `forward` mode
 * has no forward to use.
 *
 * Through the transport the connection starts opening at once, so the phone's answer travels
 * while the caller commits the move to `dispatching`; the command itself is written only once
 * the exchange runs, after that commit. A connection closed without a command is harmless to
 * the reference app (its `readUTF` ends the handler before it takes any semaphore).
 */
export function openPhoneLink(o: PhoneLinkOptions): PhoneLink | null {
  if (o.via === 'transport') {
    const opening = o.devices.openApp(o.serial, CONNECT_TIMEOUT_MS);
    return {
      to: () => opening.then(toPhoneConnection),
      abandon: () => void opening.then((r) => r.kind === 'open' && r.socket.destroy()),
    };
  }
  if (o.localPort === null) return null;
  const grace = o.connectGraceMs === undefined ? {} : { connectGraceMs: o.connectGraceMs };
  return { to: { port: o.localPort, ...grace }, abandon: () => undefined };
}
