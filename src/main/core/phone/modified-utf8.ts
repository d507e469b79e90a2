/**
 * Java's "modified UTF-8", exactly as `DataOutputStream.writeUTF` writes it and
 * `DataInputStream.readUTF` reads it:
 * - every UTF-16 code unit is encoded on its own, so a supplementary character becomes two
 *   3-byte surrogates and a lone surrogate is encoded like any other code unit;
 * - U+0000 is `C0 80`, never a raw zero byte (the decoder still accepts a raw zero, as Java does);
 * - the decoder does not reject overlong forms, again as Java does.
 */

import type { WasmCodec } from './mutf8-wasm';
import { WASM_MAX_ENCODE_UNITS, WASM_MAX_PAYLOAD, wasmCodec } from './mutf8-wasm';

/**
 * Scratch space for decoding one frame. Allocating a typed array per frame costs more than the
 * decoding itself; decoding is synchronous, so one buffer per process is never shared by two
 * decodes at once. 65,535 payload bytes never make more code units than that.
 */
const SCRATCH_UNITS = 0x10000;
const scratchUnits = new Uint16Array(SCRATCH_UNITS);
const scratchBytes = Buffer.from(scratchUnits.buffer);

/** Characters whose modified UTF-8 differs from standard UTF-8. */
const NEEDS_SLOW_ENCODE = /[\0\uD800-\uDFFF]/;

export type MalformedKind =
  'bad_continuation' | 'truncated_sequence' | 'four_byte_sequence' | 'invalid_lead_byte';

/** The payload is not valid modified UTF-8. `offset` is the index of the offending byte in the payload. */
export class MalformedInputError extends Error {
  readonly code = 'MALFORMED_MODIFIED_UTF8';
  constructor(
    readonly kind: MalformedKind,
    readonly offset: number,
  ) {
    super(
      `Malformed modified UTF-8 (${kind.replace(/_/g, ' ')}) at byte ${offset}: ` +
        'the peer is not writing Java writeUTF frames; check the phone app version and the forwarded port.',
    );
    this.name = 'MalformedInputError';
  }
}

/** Whether `text` encodes identically in standard UTF-8, so the native encoder can be used. */
export function isPlainUtf8(text: string): boolean {
  return !NEEDS_SLOW_ENCODE.test(text);
}

/** Number of bytes `text` takes in modified UTF-8. */
export function modifiedUtf8Length(text: string): number {
  if (isPlainUtf8(text)) return Buffer.byteLength(text, 'utf8');
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c >= 0x01 && c <= 0x7f ? 1 : c <= 0x7ff ? 2 : 3;
  }
  return n;
}

/**
 * `Buffer#utf8Write`, `#latin1Slice` and `#ucs2Slice` are what `write(…, 'utf8')` and
 * `toString('latin1' | 'utf16le', …)` end in; calling them directly skips the encoding-name
 * dispatch, which costs as much as the copy for frames of a hundred bytes. They are not in
 * Node's typings, hence the cast; they have existed since Node 0.x.
 */
interface NativeSlices {
  utf8Write(text: string, offset: number, length?: number): number;
  latin1Slice(start: number, end: number): string;
  ucs2Slice(start: number, end: number): string;
}
const native = (b: Buffer) => b as Buffer & NativeSlices;

/**
 * Writes `text` as modified UTF-8 into `target` at `offset`. `target` must have room for
 * `3 * text.length` bytes (or for {@link modifiedUtf8Length}). Returns the number of bytes written.
 */
export function writeModifiedUtf8(text: string, target: Buffer, offset: number): number {
  // Text that starts with ASCII is usually all ASCII (JSON): Node's native encoder, then one check
  // that it was right. One byte per unit means pure ASCII, where only U+0000 differs.
  if (text.charCodeAt(0) < 0x80) {
    const written = native(target).utf8Write(text, offset);
    if (written === text.length && text.indexOf('\0') === -1) return written;
  }
  return writeExactly(text, target, offset);
}

/**
 * Anything but plain ASCII (CJK) goes to the wasm loop, which is exact for every string and, fed
 * by a native UTF-16 copy, faster than the native UTF-8 encoder plus the check that it was right.
 * A function of its own so that {@link writeModifiedUtf8} stays small enough to be inlined.
 */
function writeExactly(text: string, target: Buffer, offset: number): number {
  const wasm = text.length <= WASM_MAX_ENCODE_UNITS ? wasmCodec() : null;
  if (wasm !== null) return wasm.encode(text, target, offset);
  return encodeInJs(text, target, offset);
}

/** {@link writeModifiedUtf8} without WebAssembly: native when that is right, a JS loop otherwise. */
function encodeInJs(text: string, target: Buffer, offset: number): number {
  if (!NEEDS_SLOW_ENCODE.test(text)) return native(target).utf8Write(text, offset);
  let p = offset;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x01 && c <= 0x7f) {
      target[p++] = c;
    } else if (c <= 0x7ff) {
      target[p++] = 0xc0 | (c >> 6);
      target[p++] = 0x80 | (c & 0x3f);
    } else {
      target[p++] = 0xe0 | (c >> 12);
      target[p++] = 0x80 | ((c >> 6) & 0x3f);
      target[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p - offset;
}

/** A 32-bit view over the whole memory behind `bytes`, for {@link asciiPrefixEnd}. */
export function wordView(bytes: Uint8Array): Uint32Array<ArrayBufferLike> {
  return new Uint32Array(bytes.buffer, 0, bytes.buffer.byteLength >> 2);
}

/**
 * Index of the first byte ≥ 0x80 in `bytes[start, end)`, or `end`. Scans four bytes at a time
 * through `words` (a {@link wordView} of the same memory); a streaming decoder makes that view
 * once per chunk rather than once per frame, which costs more than the scan.
 */
export function asciiPrefixEnd(
  bytes: Uint8Array,
  start: number,
  end: number,
  words: Uint32Array<ArrayBufferLike> | null = null,
): number {
  let i = start;
  const base = bytes.byteOffset;
  // Byte by byte up to a 4-byte boundary of the underlying memory, then whole words.
  while (i < end && ((base + i) & 3) !== 0) {
    if (bytes[i] >= 0x80) return i;
    i++;
  }
  if (end - i >= 16) {
    const view = words ?? wordView(bytes);
    let w = (base + i) >> 2;
    const wEnd = (base + end) >> 2;
    while (w < wEnd && (view[w] & 0x80808080) === 0) w++;
    i = (w << 2) - base;
  }
  while (i < end && bytes[i] < 0x80) i++;
  return i;
}

/** The whole of `bytes` as a latin1 string, in one native pass. */
export function latin1Text(bytes: Buffer): string {
  return native(bytes).latin1Slice(0, bytes.length);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Decodes `bytes[start, end)` as `DataInputStream.readUTF` decodes a payload. V8's own UTF-8
 * decoder would reject the surrogates and `C0 80` that Java writes, and (measured by
 * `npm run bench -- codec`) is slower on CJK text than our loop, which runs as WebAssembly
 * (mutf8-wasm.ts) where it can and in JS otherwise.
 */
export function readModifiedUtf8(
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
  words: Uint32Array<ArrayBufferLike> | null = null,
): string {
  // Text that starts with ASCII is usually all ASCII (JSON): one scan, one native copy. Text
  // that does not (CJK) goes straight to the loop.
  let i = start;
  if (i < end && bytes[i] < 0x80) {
    i = asciiPrefixEnd(bytes, start, end, words);
    // All ASCII (a raw zero byte included, which Java also reads as U+0000).
    if (i === end) return native(asBuffer(bytes)).latin1Slice(start, end);
  }
  const wasm = end - start <= WASM_MAX_PAYLOAD ? wasmCodec() : null;
  if (wasm !== null) {
    wasm.input.set(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end), 0);
    const text = wasm.decode(0, end - start);
    // Not valid: the JS loop below finds the same byte and describes it.
    if (text !== null) return text;
  }
  return decodeInJs(bytes, start, i, end);
}

/**
 * Decodes `bytes[start, end)`, which the caller has already copied to the same offsets of
 * `wasm.input` (a streaming decoder copies each chunk once, not each frame).
 */
export function readModifiedUtf8Copied(
  wasm: WasmCodec,
  bytes: Uint8Array,
  start: number,
  end: number,
): string {
  return wasm.decode(start, end) ?? decodeInJs(bytes, start, start, end);
}

/** The JS loop from `i`, everything in `[start, i)` being ASCII; throws on malformed input. */
function decodeInJs(bytes: Uint8Array, start: number, i: number, end: number): string {
  return end - start <= SCRATCH_UNITS
    ? decodeUnits(bytes, start, i, end, scratchUnits, scratchBytes)
    : decodeUnits(bytes, start, i, end, new Uint16Array(end - start), null);
}

/** Why decoding stopped at `i`: the sequence starting there is not one Java's readUTF accepts. */
function malformedAt(bytes: Uint8Array, start: number, i: number, end: number): MalformedInputError {
  const c = bytes[i];
  const size = (c & 0xf0) === 0xe0 ? 3 : (c & 0xe0) === 0xc0 ? 2 : 0;
  // 0x80–0xBF cannot start a character; 0xF0–0xF7 would be 4-byte UTF-8, which Java never
  // writes; 0xF8–0xFF are not UTF-8 at all.
  if (size === 0)
    return new MalformedInputError(
      c >= 0xf0 && c <= 0xf7 ? 'four_byte_sequence' : 'invalid_lead_byte',
      i - start,
    );
  if (i + size > end) return new MalformedInputError('truncated_sequence', i - start);
  const bad = (bytes[i + 1] & 0xc0) !== 0x80 ? i + 1 : i + 2;
  return new MalformedInputError('bad_continuation', bad - start);
}

/** The loop of {@link readModifiedUtf8} from `i`, everything before it being ASCII. */
function decodeUnits(
  bytes: Uint8Array,
  start: number,
  from: number,
  end: number,
  units: Uint16Array,
  unitBytes: Buffer | null,
): string {
  let n = 0;
  for (let k = start; k < from; k++) units[n++] = bytes[k];
  let i = from;
  // The loop only decodes; whatever stops it early is described after it, which keeps the loop
  // small enough for V8 to compile tightly (a third faster on CJK text, measured).
  while (i < end) {
    const c = bytes[i];
    if (c < 0x80) {
      units[n++] = c;
      i += 1;
    } else if ((c & 0xf0) === 0xe0) {
      // Three bytes first: CJK text is almost all of them.
      if (i + 3 > end) break;
      const c2 = bytes[i + 1];
      const c3 = bytes[i + 2];
      if (((c2 ^ 0x80) | (c3 ^ 0x80)) & 0xc0) break;
      units[n++] = ((c & 0x0f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f);
      i += 3;
    } else if ((c & 0xe0) === 0xc0) {
      if (i + 2 > end) break;
      const c2 = bytes[i + 1];
      if ((c2 & 0xc0) !== 0x80) break;
      units[n++] = ((c & 0x1f) << 6) | (c2 & 0x3f);
      i += 2;
    } else break;
  }
  if (i < end) throw malformedAt(bytes, start, i, end);
  // Code units to a string without a per-character loop. Uint16Array uses the platform's byte
  // order, little-endian on every platform Electron ships for.
  return native(unitBytes ?? Buffer.from(units.buffer)).ucs2Slice(0, n * 2);
}
