import { isAscii } from 'node:buffer';
import type { MalformedKind } from './modified-utf8';
import { WASM_INPUT_BYTES, wasmCodec } from './mutf8-wasm';
import {
  MalformedInputError,
  modifiedUtf8Length,
  latin1Text,
  readModifiedUtf8,
  readModifiedUtf8Copied,
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
 * Frames are cut from a shared slab, as `Buffer.allocUnsafe` cuts small Buffers from Node's pool:
 * one allocation per slab instead of one per frame. A frame owns its bytes (no later frame is
 * written over them); like any pooled Buffer it keeps its slab alive while it lives.
 */
const SLAB_BYTES = 64 * 1024;

/**
 * A frame's view of its slab. `slab.subarray()` costs three times the encoding of a short frame
 * (it goes through Buffer's species constructor); constructing a Uint8Array subclass directly is
 * a plain typed-array allocation. The subclass's prototype is Buffer's, and its `constructor` is
 * Buffer, so a frame is a Buffer in every way callers see: `Buffer.isBuffer`, its methods,
 * `subarray()` and `slice()` giving Buffers, `util.inspect` printing `<Buffer …>`.
 */
class SlabFrame extends Uint8Array {}
Object.setPrototypeOf(SlabFrame.prototype, Buffer.prototype);
Object.defineProperty(SlabFrame.prototype, 'constructor', {
  value: Buffer,
  writable: true,
  configurable: true,
});

/** Texts that could need more than this are framed in a Buffer of their own. */
const SLAB_MAX_FRAME = 8 * 1024;
/** The slab's memory, kept apart: reading `slab.buffer` per frame costs a fifth of a frame. */
let slab = Buffer.allocUnsafeSlow(SLAB_BYTES); // its own memory, at byte offset 0
let slabMemory = slab.buffer;
let slabUsed = 0;

/**
 * Encodes `text` exactly as Java's `DataOutputStream.writeUTF`: a big-endian u16 byte length,
 * then modified UTF-8. Throws {@link FrameTooLargeError} before producing any byte when the
 * payload would not fit.
 */
export function encodeFrame(text: string): Buffer {
  // 3 bytes per UTF-16 unit is the most modified UTF-8 ever needs.
  const room = 2 + 3 * text.length;
  if (room > SLAB_MAX_FRAME) {
    const length = modifiedUtf8Length(text);
    if (length > MAX_FRAME_PAYLOAD) throw new FrameTooLargeError(length, MAX_FRAME_PAYLOAD);
    const out = Buffer.allocUnsafe(2 + length);
    out.writeUInt16BE(length, 0);
    writeModifiedUtf8(text, out, 2);
    return out;
  }
  if (room > SLAB_BYTES - slabUsed) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabMemory = slab.buffer;
    slabUsed = 0;
  }
  const start = slabUsed;
  // Encoded in place: no separate pass to measure it first.
  const written = writeModifiedUtf8(text, slab, start + 2);
  slab[start] = written >> 8;
  slab[start + 1] = written & 0xff;
  const end = start + 2 + written;
  // Next frame on an 8-byte boundary, as Node's pool aligns its slices.
  slabUsed = (end + 7) & ~7;
  return new SlabFrame(slabMemory, start, end - start) as unknown as Buffer;
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
    let incoming = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const frames: string[] = [];
    if (this.pendingLength > 0) {
      // Copy only once enough has arrived (a 64 KiB frame trickling in byte by byte stays
      // linear), and then only the frame that straddles the chunks, not the whole chunk.
      this.pending.push(incoming);
      this.pendingLength += incoming.length;
      if (this.pendingLength < this.need) return frames;
      let size = this.need;
      if (size === 2) {
        const prefix = Buffer.concat(this.pending, 2);
        size = 2 + ((prefix[0] << 8) | prefix[1]);
        if (size - 2 > this.maxPayload) this.fail(new FrameTooLargeError(size - 2, this.maxPayload));
        if (this.pendingLength < size) {
          this.need = size;
          return frames;
        }
      }
      const before = this.pendingLength - incoming.length;
      const head = Buffer.concat(this.pending, size);
      this.pending = [];
      this.pendingLength = 0;
      this.decodeInto(head, frames);
      incoming = incoming.subarray(size - before);
    }
    this.decodeInto(incoming, frames);
    return frames;
  }

  /** Decodes the complete frames of `buf` into `frames` and keeps the incomplete rest. */
  private decodeInto(buf: Buffer, frames: string[]): void {
    let pos = 0;
    try {
      pos = this.frames(buf, frames);
    } catch (err) {
      if (!(err instanceof MalformedInputError)) throw err;
      const offset = this.consumed + this.framePos + 2 + err.offset;
      this.fail(
        new FrameDecodeError(
          `Malformed frame: ${err.kind.replace(/_/g, ' ')} at stream byte ${offset}; ` +
            'the peer is not speaking writeUTF framing. Close the connection.',
          offset,
          err.kind,
        ),
      );
    }
    this.consumed += pos;
    const rest = buf.length - pos;
    this.pending = rest > 0 ? [pos === 0 ? buf : buf.subarray(pos)] : [];
    this.pendingLength = rest;
  }

  /** Where the frame being decoded starts in the current buffer, for the error's offset. */
  private framePos = 0;

  /**
   * Decodes every complete frame of `buf` into `out`; returns where the incomplete rest starts.
   * A chunk that is all ASCII (length prefixes included; JSON frames shorter than 128 bytes are)
   * becomes one string in one native pass, and each frame is a slice of it, ASCII reading the
   * same in readUTF and in latin1. Those frames then share that string's memory, at most one
   * chunk of it, as pooled Buffers share their pool. Otherwise each frame is decoded on its own.
   */
  private frames(buf: Buffer, out: string[]): number {
    const text = isAscii(buf) ? latin1Text(buf) : null;
    // Otherwise the chunk is copied into the wasm decoder's memory once, for all its frames.
    const wasm = text === null && buf.length <= WASM_INPUT_BYTES ? wasmCodec() : null;
    if (wasm !== null) wasm.input.set(buf, 0);
    // One word view per chunk for the ASCII scan of every frame in it, when the JS loop decodes.
    const words = text === null && wasm === null && buf.length >= 64 ? wordView(buf) : null;
    let pos = 0;
    for (;;) {
      const left = buf.length - pos;
      if (left < 2) {
        this.need = 2;
        return pos;
      }
      const length = (buf[pos] << 8) | buf[pos + 1];
      if (length > this.maxPayload) this.fail(new FrameTooLargeError(length, this.maxPayload));
      if (left < 2 + length) {
        this.need = 2 + length;
        return pos;
      }
      this.framePos = pos;
      out.push(
        text !== null
          ? text.substring(pos + 2, pos + 2 + length)
          : wasm !== null
            ? readModifiedUtf8Copied(wasm, buf, pos + 2, pos + 2 + length)
            : readModifiedUtf8(buf, pos + 2, pos + 2 + length, words),
      );
      pos += 2 + length;
    }
  }

  private fail(err: Error): never {
    this.failure = err;
    throw err;
  }
}
