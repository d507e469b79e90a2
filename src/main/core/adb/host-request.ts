import net from 'node:net';
import {
  AdbCommandFailedError,
  AdbProtocolError,
  AdbServerUnavailableError,
  AdbTimeoutError,
} from './adb-errors';

/** Where the adb server listens. */
export interface AdbEndpoint {
  /** @default '127.0.0.1' */
  host?: string;
  port: number;
}

/**
 * How the server answers a host request:
 * - `value`: `OKAY` then a hex-length-prefixed value (version, devices-l, connect…);
 * - `okay-okay`: `OKAY` then a second `OKAY` (host-serial forward and killforward).
 */
export type HostReplyShape = 'value' | 'okay-okay';

export interface HostRequestOptions {
  /** @default 5000 */
  timeoutMs?: number;
}

/** A host-protocol request as the server reads it: four hex digits of length, then the text. */
export function encodeHostRequest(request: string): Buffer {
  const body = Buffer.from(request, 'utf8');
  return Buffer.concat([Buffer.from(body.length.toString(16).padStart(4, '0'), 'ascii'), body]);
}

/**
 * One request in the adb host protocol over a fresh socket, with no dependency on adbkit: the
 * station's own requests (version, devices-l, forward, list-forward, killforward, which adbkit
 * lacks) and the simulators', which must not start servers.
 * Never starts an adb server, so a dead server shows as {@link AdbServerUnavailableError}.
 */
export function hostRequest(
  endpoint: AdbEndpoint,
  request: string,
  shape: HostReplyShape,
  options: HostRequestOptions = {},
): Promise<string> {
  const host = endpoint.host ?? '127.0.0.1';
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise<string>((resolve, reject) => {
    const socket = net.createConnection({ host, port: endpoint.port });
    let buffered = Buffer.alloc(0);
    let settled = false;
    let stage: 'first' | 'second' | 'value' = 'first';
    const timer = setTimeout(() => fail(new AdbTimeoutError(request, timeoutMs)), timeoutMs);
    timer.unref();

    function finish(err: Error | null, value?: string): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value ?? '');
    }
    function fail(err: Error): void {
      finish(err);
    }

    socket.on('connect', () => socket.write(encodeHostRequest(request)));

    /** Reads a hex-length-prefixed string; null while incomplete. */
    function takeLengthPrefixed(): string | null {
      if (buffered.length < 4) return null;
      const len = Number.parseInt(buffered.subarray(0, 4).toString('ascii'), 16);
      if (!Number.isFinite(len)) {
        fail(
          new AdbProtocolError(request, `bad length ${JSON.stringify(buffered.subarray(0, 4).toString())}`),
        );
        return null;
      }
      if (buffered.length < 4 + len) return null;
      const s = buffered.subarray(4, 4 + len).toString('utf8');
      buffered = buffered.subarray(4 + len);
      return s;
    }

    function step(): void {
      for (;;) {
        if (settled) return;
        if (stage === 'value') {
          const v = takeLengthPrefixed();
          if (v !== null) finish(null, v);
          return;
        }
        if (buffered.length < 4) return;
        const status = buffered.subarray(0, 4).toString('ascii');
        if (status === 'FAIL') {
          buffered = buffered.subarray(4);
          const msg = takeLengthPrefixed();
          if (msg !== null) fail(new AdbCommandFailedError(request, msg));
          else buffered = Buffer.concat([Buffer.from('FAIL'), buffered]);
          return;
        }
        if (status !== 'OKAY') {
          fail(new AdbProtocolError(request, `expected OKAY or FAIL, got ${JSON.stringify(status)}`));
          return;
        }
        buffered = buffered.subarray(4);
        if (stage === 'first') stage = shape === 'value' ? 'value' : 'second';
        else return finish(null, '');
      }
    }

    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      step();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED' || err.code === 'ECONNRESET') {
        fail(new AdbServerUnavailableError(`${host}:${endpoint.port}`, err.code, { cause: err }));
      } else fail(err);
    });
    socket.on('close', () => {
      if (!settled)
        fail(new AdbServerUnavailableError(`${host}:${endpoint.port}`, 'connection closed early'));
    });
  });
}
