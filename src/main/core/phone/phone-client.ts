import net from 'node:net';
import { STATION_SETTINGS_DEFAULTS } from '../../../shared/settings/station-settings';
import type { Clock } from '../util/clock';
import { systemClock } from '../util/clock';
import { encodeFrame, FrameDecoder } from './frame-codec';

/** The command the reference phone app (docs/PHONE-PROTOCOL.md) expects: `{"groupId": n, "msg": "<qr code content>"}`. */
export interface PayCommand {
  groupId: number;
  msg: string;
}

/** Why nothing reached the phone app. */
export type NotDeliveredReason = 'refused' | 'closed_before_write' | 'connect_timeout' | 'error';

/**
 * How one payment exchange with a phone ended. The kinds are kept apart because they decide
 * whether a payment may be sent again: only `not_delivered` is safe to retry elsewhere.
 */
export type PhoneOutcome =
  | { kind: 'not_delivered'; reason: NotDeliveredReason; detail: string }
  | { kind: 'delivered_no_result'; writtenAt: number; endedAt: number; detail: string }
  | { kind: 'timeout'; writtenAt: number; endedAt: number }
  | {
      kind: 'result';
      writtenAt: number;
      receivedAt: number;
      /** The decoded JSON object. */
      json: Record<string, unknown>;
      /** `json.msg` when it is a string: the notification text. */
      text: string | null;
    }
  | { kind: 'protocol_error'; writtenAt: number; endedAt: number; detail: string; raw?: string };

/**
 * How opening a connection to the phone app ended. `connected` means the phone app itself
 * accepted the connection; anything else happened before a byte of the command was written.
 */
export type PhoneConnection =
  | {
      kind: 'connected';
      /** Paused and without listeners; the exchange attaches its own and resumes it. */
      socket: net.Socket;
      /** Bytes the peer sent before anything was written (the reference app never speaks first). */
      early?: Buffer;
    }
  | { kind: 'not_delivered'; reason: NotDeliveredReason; detail: string };

/** Opens one connection to the phone app, within `timeoutMs`. Resolves for every outcome. */
export type PhoneConnector = (timeoutMs: number) => Promise<PhoneConnection>;

/** A phone app behind a plain TCP port: an adb forward, or a loopback test phone. */
export interface TcpTarget {
  /** @default '127.0.0.1' */
  host?: string;
  port: number;
  /**
   * Pause between connecting and writing. Through an adb forward the local connect always
   * succeeds, and adb closes it a few milliseconds later when the phone app is not listening;
   * waiting this long first lets that case be reported as `not_delivered` instead of as a
   * payment that may have been sent. A refusal later than this is not caught: the adb
   * transport (`openApp`) answers exactly and needs no pause.
   * @default 100
   */
  connectGraceMs?: number;
}

export interface PhoneExchangeOptions {
  /** Where the phone app is: a connector (the adb transport), or a TCP port. */
  to: PhoneConnector | TcpTarget;
  command: PayCommand;
  /**
   * How long to wait for the result after the command was written.
   * @default the `payments.resultTimeoutMs` setting's default
   */
  resultTimeoutMs?: number;
  /** How long opening the connection may take. @default CONNECT_TIMEOUT_MS */
  connectTimeoutMs?: number;
  clock?: Clock;
  /** Called once the command bytes have been handed to the socket (commit-before-act hooks use it). */
  onWritten?: (at: number) => void;
}

/** How long opening a connection to the phone app may take, by default. */
export const CONNECT_TIMEOUT_MS = 5_000;

const SPOKE_FIRST = 'peer sent data before the command was written; is the phone app on this port?';

/** Connects over plain TCP, then waits {@link TcpTarget.connectGraceMs} for a refusal in disguise. */
export function tcpConnector(target: TcpTarget, clock: Clock = systemClock): PhoneConnector {
  const graceMs = target.connectGraceMs ?? 100;
  return (timeoutMs) =>
    new Promise<PhoneConnection>((resolve) => {
      const socket = net.createConnection({ host: target.host ?? '127.0.0.1', port: target.port });
      let done = false;
      let timer = clock.setTimeout(
        () => notDelivered('connect_timeout', `no connection within ${timeoutMs} ms`),
        timeoutMs,
      );
      function stopListening(): void {
        done = true;
        clock.clearTimeout(timer);
        socket.removeListener('data', onData);
        socket.removeListener('error', onError);
        socket.removeListener('close', onClose);
      }
      function notDelivered(reason: NotDeliveredReason, detail: string): void {
        if (done) return;
        stopListening();
        socket.on('error', () => {});
        socket.destroy();
        resolve({ kind: 'not_delivered', reason, detail });
      }
      function onData(): void {
        notDelivered('error', SPOKE_FIRST);
      }
      function onError(err: NodeJS.ErrnoException): void {
        notDelivered(
          err.code === 'ECONNREFUSED' ? 'refused' : 'error',
          `${err.code ?? 'error'}: ${err.message}`,
        );
      }
      function onClose(): void {
        notDelivered(
          'closed_before_write',
          'connection closed before the command was written (phone app not listening?)',
        );
      }
      socket.once('connect', () => {
        if (done) return;
        clock.clearTimeout(timer);
        timer = clock.setTimeout(() => {
          if (done) return;
          stopListening();
          socket.pause();
          resolve({ kind: 'connected', socket });
        }, graceMs);
      });
      socket.on('data', onData);
      socket.on('error', onError);
      socket.on('close', onClose);
    });
}

/**
 * One connection per payment, as the reference phone app expects: connect, write one frame, read one
 * frame, close. Every way the exchange can end is a {@link PhoneOutcome}; the promise rejects only
 * for a command that cannot be framed (FrameTooLargeError), before any connection is opened.
 */
export async function exchangeWithPhone(options: PhoneExchangeOptions): Promise<PhoneOutcome> {
  const clock = options.clock ?? systemClock;
  // Encode first: an oversize command is a programming error at the caller and must fail before
  // a connection is even opened.
  const frame = encodeFrame(JSON.stringify(options.command));
  const connect = typeof options.to === 'function' ? options.to : tcpConnector(options.to, clock);
  let opened: PhoneConnection;
  try {
    opened = await connect(options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
  } catch (err) {
    // A connector's bug; nothing was written, so the payment may still go elsewhere.
    return { kind: 'not_delivered', reason: 'error', detail: `could not connect: ${(err as Error).message}` };
  }
  if (opened.kind === 'not_delivered') return opened;
  if (opened.early && opened.early.length > 0) {
    opened.socket.on('error', () => {});
    opened.socket.destroy();
    return { kind: 'not_delivered', reason: 'error', detail: SPOKE_FIRST };
  }
  return talk(opened.socket, frame, options, clock);
}

/** Writes the command at once and reads one result frame. */
function talk(
  socket: net.Socket,
  frame: Buffer,
  options: PhoneExchangeOptions,
  clock: Clock,
): Promise<PhoneOutcome> {
  const resultTimeoutMs = options.resultTimeoutMs ?? STATION_SETTINGS_DEFAULTS.payments.resultTimeoutMs;
  return new Promise<PhoneOutcome>((resolve) => {
    const decoder = new FrameDecoder();
    let done = false;
    const writtenAt = clock.now();
    const timer = clock.setTimeout(
      () => settle({ kind: 'timeout', writtenAt, endedAt: clock.now() }),
      resultTimeoutMs,
    );

    function settle(outcome: PhoneOutcome): void {
      if (done) return;
      done = true;
      clock.clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.on('error', () => {});
      socket.destroy();
      resolve(outcome);
    }
    function protocolError(detail: string, raw?: string): void {
      settle({
        kind: 'protocol_error',
        writtenAt,
        endedAt: clock.now(),
        detail,
        ...(raw === undefined ? {} : { raw }),
      });
    }

    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      let frames: string[];
      try {
        frames = decoder.push(chunk);
      } catch (err) {
        protocolError((err as Error).message);
        return;
      }
      if (frames.length === 0) return;
      const raw = frames[0];
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        protocolError('result frame is not JSON', raw);
        return;
      }
      if (json === null || typeof json !== 'object' || Array.isArray(json)) {
        protocolError('result frame is not a JSON object', raw);
        return;
      }
      const obj = json as Record<string, unknown>;
      settle({
        kind: 'result',
        writtenAt,
        receivedAt: clock.now(),
        json: obj,
        text: typeof obj.msg === 'string' ? obj.msg : null,
      });
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      settle({
        kind: 'delivered_no_result',
        writtenAt,
        endedAt: clock.now(),
        detail: `${err.code ?? 'error'}: ${err.message}`,
      });
    });
    socket.on('close', () => {
      const partial =
        decoder.pendingBytes > 0 ? ` after ${decoder.pendingBytes} bytes of an incomplete frame` : '';
      settle({
        kind: 'delivered_no_result',
        writtenAt,
        endedAt: clock.now(),
        detail: `connection closed${partial} before a result arrived`,
      });
    });

    socket.write(frame);
    options.onWritten?.(writtenAt);
    socket.resume();
  });
}
