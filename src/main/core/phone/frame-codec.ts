import type { MalformedKind } from './modified-utf8';
import {
  MalformedInputError,
  modifiedUtf8Length,
  readModifiedUtf8,
  wordView,
  writeModifiedUtf8,
} from './modified-utf8';

/** The largest payload a writeUTF frame can carry: its length prefix is an unsigned 16-bit integer. */
export const MAX_FRAME_PAYLOAD = 0xffff;

/** A string whose modified UTF-8 encoding does not fit in one frame. Nothing was written. */
export class FrameTooLargeError extends Error {
  readonly code = 'FRAME_TOO_LARGE';
  constructor(
    readonly byteLength: number,
    readonly limit: number,
  ) {
    super(
      `Frame payload of ${byteLength} bytes exceeds the limit of ${limit} bytes; ` +
        'shorten the message (for a payment, the QR code content) before sending it.',
    );
    this.name = 'FrameTooLargeError';
  }
}

/** A frame could not be decoded. `offset` counts bytes from the start of the stream. */
export class FrameDecodeError extends Error {
  readonly code = 'FRAME_MALFORMED';
  constructor(
    message: string,
    readonly offset: number,
    readonly reason: MalformedKind,
  ) {
    super(message);
    this.name = 'FrameDecodeError';
  }
}

/**
 * Encodes `text` exactly as Java's `DataOutputStream.writeUTF`: a big-endian u16 byte length,
 * then modified UTF-8. Throws {@link FrameTooLargeError} before producing any byte when the
 * payload would not fit.
 */
export function encodeFrame(text: string): Buffer {
  const length = modifiedUtf8Length(text);
  if (length > MAX_FRAME_PAYLOAD) throw new FrameTooLargeError(length, MAX_FRAME_PAYLOAD);
  const out = Buffer.allocUnsafe(2 + length);
  out.writeUInt16BE(length, 0);
  writeModifiedUtf8(text, out, 2);
  return out;
}

/**
 * Appends frames to one growing buffer, as `DataOutputStream` over a `ByteArrayOutputStream`
 * does: no allocation per frame. For batches and streams of frames.
 */
export class FrameWriter {
  private buf: Buffer;
  private length = 0;

  constructor(initialCapacity = 4096) {
    this.buf = Buffer.allocUnsafe(initialCapacity);
  }

  get byteLength(): number {
    return this.length;
  }

  /** Appends one frame. On {@link FrameTooLargeError} nothing is appended. */
  write(text: string): void {
    // 3 bytes per UTF-16 unit is the most modified UTF-8 ever needs.
    this.ensure(2 + 3 * text.length);
    const start = this.length;
    const written = writeModifiedUtf8(text, this.buf, start + 2);
    if (written > MAX_FRAME_PAYLOAD) throw new FrameTooLargeError(written, MAX_FRAME_PAYLOAD);
    this.buf[start] = written >> 8;
    this.buf[start + 1] = written & 0xff;
    this.length = start + 2 + written;
  }

  /** The frames written so far; a view that the next write or reset may overwrite. */
  view(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + extra));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
}

export interface FrameDecoderOptions {
  /**
   * Frames announcing a longer payload are refused as soon as their length prefix arrives,
   * without waiting for (or buffering) the payload.
   * @default 65535
   */
  maxPayloadBytes?: number;
}

/**
 * Streaming decoder for writeUTF frames. Feed it chunks of any size with {@link push}; it returns
 * every frame completed by that chunk, in order. After an error the decoder is poisoned: the
 * stream has lost framing and must be closed.
 */
export class FrameDecoder {
  private readonly maxPayload: number;
  /** Bytes of an incomplete frame, kept as received until `need` bytes are there. */
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private need = 2;
  /** Stream offset of the first pending byte. */
  private consumed = 0;
  private failure: Error | null = null;

  constructor(options: FrameDecoderOptions = {}) {
    const max = options.maxPayloadBytes ?? MAX_FRAME_PAYLOAD;
    if (!Number.isInteger(max) || max < 0 || max > MAX_FRAME_PAYLOAD) {
      throw new RangeError(`maxPayloadBytes must be an integer from 0 to ${MAX_FRAME_PAYLOAD}, got ${max}`);
    }
    this.maxPayload = max;
  }

  /** Bytes received but not yet part of a complete frame. */
  get pendingBytes(): number {
    return this.pendingLength;
  }

  push(chunk: Uint8Array): string[] {
    if (this.failure) throw this.failure;
    const incoming = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let buf: Buffer;
    if (this.pendingLength > 0) {
      // Copy only once enough has arrived: a 64 KiB frame trickling in byte by byte stays linear.
      this.pending.push(incoming);
      this.pendingLength += incoming.length;
      if (this.pendingLength < this.need) return [];
      buf = Buffer.concat(this.pending, this.pendingLength);
    } else {
      buf = incoming;
    }
    const frames: string[] = [];
    // One word view per chunk for the ASCII scan of every frame in it.
    const words = buf.length >= 64 ? wordView(buf) : null;
    let pos = 0;
    for (;;) {
      const left = buf.length - pos;
      if (left < 2) {
        this.need = 2;
        break;
      }
      const length = (buf[pos] << 8) | buf[pos + 1];
      if (length > this.maxPayload) this.fail(new FrameTooLargeError(length, this.maxPayload));
      if (left < 2 + length) {
        this.need = 2 + length;
        break;
      }
      try {
        frames.push(readModifiedUtf8(buf, pos + 2, pos + 2 + length, words));
      } catch (err) {
        if (!(err instanceof MalformedInputError)) throw err;
        const offset = this.consumed + pos + 2 + err.offset;
        this.fail(
          new FrameDecodeError(
            `Malformed frame: ${err.kind.replace(/_/g, ' ')} at stream byte ${offset}; ` +
              'the peer is not speaking writeUTF framing. Close the connection.',
            offset,
            err.kind,
          ),
        );
      }
      pos += 2 + length;
    }
    this.consumed += pos;
    const rest = buf.length - pos;
    this.pending = rest > 0 ? [pos === 0 ? buf : buf.subarray(pos)] : [];
    this.pendingLength = rest;
    return frames;
  }

  private fail(err: Error): never {
    this.failure = err;
    throw err;
  }
}
