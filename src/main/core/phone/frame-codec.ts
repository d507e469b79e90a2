import {
  MalformedInputError,
  modifiedUtf8Length,
  readModifiedUtf8,
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
    readonly reason: MalformedInputError['kind'],
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
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Stream offset of the first buffered byte. */
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
    return this.buffered;
  }

  push(chunk: Uint8Array): string[] {
    if (this.failure) throw this.failure;
    if (chunk.length > 0) {
      this.chunks.push(
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length),
      );
      this.buffered += chunk.length;
    }
    const frames: string[] = [];
    while (this.buffered >= 2) {
      const head = this.peek(2);
      const length = head.readUInt16BE(0);
      if (length > this.maxPayload) {
        this.failure = new FrameTooLargeError(length, this.maxPayload);
        throw this.failure;
      }
      if (this.buffered < 2 + length) break;
      const frame = this.take(2 + length);
      try {
        frames.push(readModifiedUtf8(frame, 2));
      } catch (err) {
        if (!(err instanceof MalformedInputError)) throw err;
        const offset = this.consumed - frame.length + 2 + err.offset;
        this.failure = new FrameDecodeError(
          `Malformed frame: ${err.kind.replace(/_/g, ' ')} at stream byte ${offset}; ` +
            'the peer is not speaking writeUTF framing. Close the connection.',
          offset,
          err.kind,
        );
        throw this.failure;
      }
    }
    return frames;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0];
    this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0];
  }

  private take(n: number): Buffer {
    const first = this.peek(n);
    const out = first.subarray(0, n);
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.buffered -= n;
    this.consumed += n;
    return out;
  }
}
