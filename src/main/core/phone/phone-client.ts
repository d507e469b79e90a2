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

/**
 * How one payment exchange with a phone ended. The kinds are kept apart because they decide
 * whether a payment may be sent again: only `not_delivered` is safe to retry elsewhere.
 */
export type PhoneOutcome =
  | {
      kind: 'not_delivered';
      reason: 'refused' | 'closed_before_write' | 'connect_timeout' | 'error';
      detail: string;
    }
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

export interface PhoneExchangeOptions {
  host?: string;
  port: number;
  command: PayCommand;
  /**
   * How long to wait for the result after the command was written.
   * @default the `payments.resultTimeoutMs` setting's default
   */
  resultTimeoutMs?: number;
  /** @default 5000 */
  connectTimeoutMs?: number;
  /**
   * Pause between connecting and writing. Through an adb forward the local connect always
   * succeeds, and adb closes it a few milliseconds later when the phone app is not listening;
   * waiting this long first lets that case be reported as `not_delivered` instead of as a
   * payment that may have been sent.
   * @default 100
   */
  connectGraceMs?: number;
  clock?: Clock;
  /** Called once the command bytes have been handed to the socket (commit-before-act hooks use it). */
  onWritten?: (at: number) => void;
}

/**
 * One connection per payment, as the reference phone app expects: connect, write one frame, read one
 * frame, close. Every way the exchange can end is a {@link PhoneOutcome}; the promise rejects only
 * for a command that cannot be framed (FrameTooLargeError), before any socket is opened.
 */
export function exchangeWithPhone(options: PhoneExchangeOptions): Promise<PhoneOutcome> {
  const clock = options.clock ?? systemClock;
  const resultTimeoutMs = options.resultTimeoutMs ?? STATION_SETTINGS_DEFAULTS.payments.resultTimeoutMs;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const graceMs = options.connectGraceMs ?? 100;
  // Encode first: an oversize command is a programming error at the caller and must fail before
  // a socket is even opened.
  let frame: Buffer;
  try {
    frame = encodeFrame(JSON.stringify(options.command));
  } catch (err) {
    return Promise.reject(err);
  }

  return new Promise<PhoneOutcome>((resolve) => {
    const socket = net.createConnection({ host: options.host ?? '127.0.0.1', port: options.port });
    const decoder = new FrameDecoder();
    let writtenAt: number | null = null;
    let done = false;
    let timer = clock.setTimeout(
      () => finishBeforeWrite('connect_timeout', `no connection within ${connectTimeoutMs} ms`),
      connectTimeoutMs,
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
    function finishBeforeWrite(
      reason: 'refused' | 'closed_before_write' | 'connect_timeout' | 'error',
      detail: string,
    ): void {
      settle({ kind: 'not_delivered', reason, detail });
    }

    socket.once('connect', () => {
      if (done) return;
      clock.clearTimeout(timer);
      timer = clock.setTimeout(writeCommand, graceMs);
    });

    function writeCommand(): void {
      if (done) return;
      writtenAt = clock.now();
      socket.write(frame);
      options.onWritten?.(writtenAt);
      const at = writtenAt;
      timer = clock.setTimeout(
        () => settle({ kind: 'timeout', writtenAt: at, endedAt: clock.now() }),
        resultTimeoutMs,
      );
    }

    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      if (writtenAt === null) {
        // The reference phone app never speaks first; bytes before our command mean something else is on
        // this port. Nothing was written, so the payment can safely go elsewhere.
        finishBeforeWrite(
          'error',
          'peer sent data before the command was written; is the phone app on this port?',
        );
        return;
      }
      let frames: string[];
      try {
        frames = decoder.push(chunk);
      } catch (err) {
        settle({ kind: 'protocol_error', writtenAt, endedAt: clock.now(), detail: (err as Error).message });
        return;
      }
      if (frames.length === 0) return;
      const raw = frames[0];
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        settle({
          kind: 'protocol_error',
          writtenAt,
          endedAt: clock.now(),
          detail: 'result frame is not JSON',
          raw,
        });
        return;
      }
      if (json === null || typeof json !== 'object' || Array.isArray(json)) {
        settle({
          kind: 'protocol_error',
          writtenAt,
          endedAt: clock.now(),
          detail: 'result frame is not a JSON object',
          raw,
        });
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
      if (done) return;
      if (writtenAt === null) {
        finishBeforeWrite(
          err.code === 'ECONNREFUSED' ? 'refused' : 'error',
          `${err.code ?? 'error'}: ${err.message}`,
        );
      } else {
        settle({
          kind: 'delivered_no_result',
          writtenAt,
          endedAt: clock.now(),
          detail: `${err.code ?? 'error'}: ${err.message}`,
        });
      }
    });

    socket.on('close', () => {
      if (done) return;
      if (writtenAt === null) {
        finishBeforeWrite(
          'closed_before_write',
          'connection closed before the command was written (phone app not listening?)',
        );
      } else {
        const partial =
          decoder.pendingBytes > 0 ? ` after ${decoder.pendingBytes} bytes of an incomplete frame` : '';
        settle({
          kind: 'delivered_no_result',
          writtenAt,
          endedAt: clock.now(),
          detail: `connection closed${partial} before a result arrived`,
        });
      }
    });
  });
}
