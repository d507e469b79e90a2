import type net from 'node:net';
import type { DeviceTcpOpen } from './commands/open-tcp';
import { openDeviceTcp, openOnSwitched, switchTransport } from './commands/open-tcp';
import type { AdbEndpoint } from './host-request';

/**
 * Opens device ports through the transport, keeping one spare connection per phone already
 * switched to its transport, so a payment's open costs one round trip (`tcp:` → OKAY) instead
 * of connect + `host:transport` + `tcp:`. Switching sends nothing to the phone; the adb server
 * closes a spare itself when the phone's transport goes away (seen with adb 29 on unplug), and
 * a spare that closed is simply not used.
 */
export interface TcpOpener {
  open(serial: string, port: number, timeoutMs: number): Promise<DeviceTcpOpen>;
  /** Closes every spare; the next open of a phone starts from scratch and makes a new one. */
  close(): void;
  /** Spares ready now, for tests and diagnostics. */
  readonly spares: number;
}

export interface TcpOpenerOptions {
  /** How long preparing a spare may take before it is given up. @default 5000 */
  spareTimeoutMs?: number;
}

export function createTcpOpener(endpoint: AdbEndpoint, options: TcpOpenerOptions = {}): TcpOpener {
  const spareTimeoutMs = options.spareTimeoutMs ?? 5_000;
  const ready = new Map<string, net.Socket>();
  const preparing = new Set<string>();
  /** Bumped by close(): spares being prepared for an older generation are dropped. */
  let generation = 0;

  function discard(serial: string, socket: net.Socket): void {
    if (ready.get(serial) === socket) ready.delete(serial);
    socket.destroy();
  }

  function prepare(serial: string): void {
    if (ready.has(serial) || preparing.has(serial)) return;
    preparing.add(serial);
    const gen = generation;
    void switchTransport(endpoint, serial, spareTimeoutMs).then((r) => {
      preparing.delete(serial);
      if (r.kind !== 'switched') return;
      const socket = r.socket;
      if (gen !== generation || ready.has(serial)) {
        socket.destroy();
        return;
      }
      // Idle until used: anything from the server now (its close on unplug) retires it.
      const retire = () => discard(serial, socket);
      socket.once('close', retire);
      socket.once('error', retire);
      socket.once('data', retire);
      socket.resume();
      ready.set(serial, socket);
    });
  }

  function take(serial: string): net.Socket | null {
    const socket = ready.get(serial);
    if (!socket) return null;
    ready.delete(serial);
    socket.removeAllListeners('close');
    socket.removeAllListeners('error');
    socket.removeAllListeners('data');
    socket.pause();
    return socket.destroyed ? null : socket;
  }

  return {
    async open(serial, port, timeoutMs) {
      const spare = take(serial);
      const r = spare
        ? await openOnSwitched(spare, endpoint, serial, port, timeoutMs)
        : await openDeviceTcp(endpoint, serial, port, timeoutMs);
      // After the caller's write: the caller continues in this turn's microtasks, this runs later.
      // No spare for a phone adb does not know or a server that is down: nothing to wait on there.
      if (r.kind !== 'no_device' && r.kind !== 'unavailable') setImmediate(() => prepare(serial));
      return r;
    },
    close() {
      generation++;
      for (const [serial, socket] of ready) discard(serial, socket);
    },
    get spares() {
      return ready.size;
    },
  };
}
