import net from 'node:net';
import type { AdbEndpoint } from '../host-request';
import { encodeHostRequest } from '../host-request';

/**
 * How opening `tcp:<port>` on a device ended. Every kind except `open` means the device never
 * accepted a connection, so nothing written afterwards could have reached it.
 */
export type DeviceTcpOpen =
  | {
      kind: 'open';
      /** Paused, with no listeners of ours left: the caller attaches its own and resumes it. */
      socket: net.Socket;
      /** Bytes the device sent in the same read as the OKAY, before the caller wrote anything. */
      early: Buffer;
    }
  /**
   * adb answered `FAIL closed`: the device answered the OPEN with CLSE (nothing listens on that
   * port), or the device went away while the OPEN was pending (adb 29 says the same then).
   */
  | { kind: 'refused'; detail: string }
  /** `host:transport:<serial>` failed: the device is gone, offline or unauthorized. */
  | { kind: 'no_device'; detail: string }
  /** No adb server, or it closed the connection before switching to the device. */
  | { kind: 'unavailable'; detail: string }
  /** The connection ended after the switch, before the device answered the OPEN. */
  | { kind: 'closed'; detail: string }
  | { kind: 'timeout'; detail: string }
  /** The server answered something that is not the host protocol. */
  | { kind: 'failed'; detail: string };

/** A connection already switched to a device's transport, waiting for its service request. */
export interface SwitchedTransport {
  kind: 'switched';
  /** Paused, with no listeners of ours left. */
  socket: net.Socket;
}

type Failure = Exclude<DeviceTcpOpen, { kind: 'open' }>;

interface OpenSteps {
  endpoint: AdbEndpoint;
  serial: string;
  /** The device port to open; null stops once the transport is switched (a spare). */
  port: number | null;
  timeoutMs: number;
  /** A connection already switched to this serial's transport: start at the service request. */
  switched?: net.Socket;
}

/**
 * Opens `tcp:<port>` on one device through the adb server's transport, and tells exactly whether
 * the device accepted it. Checked against Debian's adb 29 (test/integration/devices/open-tcp-adb.test.ts):
 * - `host:transport:<serial>` → `OKAY`, or `FAIL` + `device '<serial>' not found`;
 * - then `tcp:<port>` → `OKAY` once the device sent A_OKAY for the OPEN, or `FAIL` + `closed`
 *   once it sent A_CLSE or went away (AOSP adb/sockets.cpp: `local_socket_ready_notify` writes
 *   the OKAY, `local_socket_close_notify` the FAIL "closed").
 * The second request is sent only after the first OKAY: the server drops whatever followed the
 * transport request in the same read (seen with adb 29: a pipelined `tcp:` is never answered).
 * Resolves for every outcome; never rejects.
 */
export function openDeviceTcp(
  endpoint: AdbEndpoint,
  serial: string,
  port: number,
  timeoutMs: number,
): Promise<DeviceTcpOpen> {
  return runSteps({ endpoint, serial, port, timeoutMs }) as Promise<DeviceTcpOpen>;
}

/** `tcp:<port>` on a connection that {@link switchTransport} switched to `serial`. */
export function openOnSwitched(
  socket: net.Socket,
  endpoint: AdbEndpoint,
  serial: string,
  port: number,
  timeoutMs: number,
): Promise<DeviceTcpOpen> {
  return runSteps({ endpoint, serial, port, timeoutMs, switched: socket }) as Promise<DeviceTcpOpen>;
}

/** Connects and sends `host:transport:<serial>` only, so that a later open costs one round trip. */
export function switchTransport(
  endpoint: AdbEndpoint,
  serial: string,
  timeoutMs: number,
): Promise<SwitchedTransport | Failure> {
  return runSteps({ endpoint, serial, port: null, timeoutMs }) as Promise<SwitchedTransport | Failure>;
}

function runSteps(o: OpenSteps): Promise<DeviceTcpOpen | SwitchedTransport> {
  const { serial, port, timeoutMs } = o;
  const host = o.endpoint.host ?? '127.0.0.1';
  const where = `${host}:${o.endpoint.port}`;
  const target = port === null ? 'its transport' : `tcp:${port}`;
  return new Promise<DeviceTcpOpen | SwitchedTransport>((resolve) => {
    const socket = o.switched ?? net.createConnection({ host, port: o.endpoint.port });
    socket.setNoDelay(true);
    let stage: 'transport' | 'service' = o.switched ? 'service' : 'transport';
    let buffered: Buffer = Buffer.alloc(0);
    let done = false;
    const timer = setTimeout(
      () =>
        end({
          kind: 'timeout',
          detail:
            stage === 'transport'
              ? `adb on ${where} did not switch to ${serial} within ${timeoutMs} ms`
              : `${serial} did not answer the open of ${target} within ${timeoutMs} ms`,
        }),
      timeoutMs,
    );

    function end(outcome: DeviceTcpOpen | SwitchedTransport): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('error', onError);
      socket.removeListener('close', onClose);
      if (outcome.kind === 'open' || outcome.kind === 'switched') socket.pause();
      else {
        socket.on('error', () => {});
        socket.destroy();
      }
      resolve(outcome);
    }

    function onData(chunk: Buffer): void {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      if (buffered.length < 4) return;
      const status = buffered.toString('latin1', 0, 4);
      if (status === 'OKAY') {
        const rest = buffered.subarray(4);
        buffered = Buffer.alloc(0);
        if (stage === 'transport') {
          if (rest.length > 0) {
            end({
              kind: 'failed',
              detail: `adb sent ${rest.length} unexpected bytes after switching to ${serial}`,
            });
            return;
          }
          if (port === null) {
            end({ kind: 'switched', socket });
            return;
          }
          stage = 'service';
          socket.write(encodeHostRequest(`tcp:${port}`));
          return;
        }
        end({ kind: 'open', socket, early: rest });
        return;
      }
      if (status === 'FAIL') {
        if (buffered.length < 8) return;
        const len = Number.parseInt(buffered.toString('latin1', 4, 8), 16);
        if (!Number.isFinite(len)) {
          end({
            kind: 'failed',
            detail: `adb sent FAIL with a bad length ${JSON.stringify(buffered.toString('latin1', 4, 8))}`,
          });
          return;
        }
        if (buffered.length < 8 + len) return;
        const message = buffered.toString('utf8', 8, 8 + len);
        if (stage === 'transport') end({ kind: 'no_device', detail: `adb: ${message}` });
        else
          end({
            kind: 'refused',
            detail: `${serial} did not accept ${target}: the app is not listening, or the phone went away (adb: ${message})`,
          });
        return;
      }
      end({
        kind: 'failed',
        detail: `expected OKAY or FAIL from adb on ${where}, got ${JSON.stringify(status)}`,
      });
    }
    function onError(err: NodeJS.ErrnoException): void {
      end({
        kind: stage === 'transport' ? 'unavailable' : 'closed',
        detail: `adb on ${where}: ${err.code ?? 'error'}: ${err.message}`,
      });
    }
    function onClose(): void {
      end({
        kind: stage === 'transport' ? 'unavailable' : 'closed',
        detail:
          stage === 'transport'
            ? `adb on ${where} closed the connection before switching to ${serial}`
            : `adb closed the connection before ${serial} answered the open of ${target}`,
      });
    }

    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    if (o.switched) {
      socket.write(encodeHostRequest(`tcp:${port}`));
      socket.resume();
    } else socket.once('connect', () => socket.write(encodeHostRequest(`host:transport:${serial}`)));
  });
}
