import { MUTF8_WASM } from './mutf8-wasm-module';

/**
 * The writeUTF encoding loop and the readUTF decoding loop compiled to WebAssembly (mutf8.wat).
 * On CJK text the wasm decoder is about half again as fast as the same loop in JS, and the wasm
 * encoder (fed by a native UTF-16 copy, its output copied out) about 1.6 times as fast as Node's
 * native UTF-8 encoder plus the check that it was right, on 92 CJK units (about 230 ns against
 * 370; `npm run bench -- codec` prints the loops' throughput): wasm memory accesses need
 * no bounds check per byte, the three bytes of a CJK character come in one load or store, and the
 * encoder takes runs of CJK eight units at a time with SIMD. Only the loops are in wasm; ASCII
 * text still takes Node's native passes, and errors are described by the JS decoder. A runtime
 * without WebAssembly, or without its SIMD (both in every V8 since 9.1), runs the JS loops.
 */

/** Bytes the caller may copy in at once: a socket chunk (64 KiB) fits, with room to spare. */
export const WASM_INPUT_BYTES = 196_608;
/** Where the code units are: decode's output, encode's input. */
const UNITS_OFFSET = 196_608;
/** The output region holds 65,536 code units, as many as 65,536 payload bytes can make. */
export const WASM_MAX_PAYLOAD = 65_536;
/** Code units the encoder takes at once: a frame's worth (at least one byte per unit). */
export const WASM_MAX_ENCODE_UNITS = 65_535;

/** Output lengths whose views are kept: 4,097 views at most, about 400 KB. */
const OUTPUT_VIEWS_CACHED = 4096;

export interface WasmCodec {
  /** The wasm memory's input region, [0, WASM_INPUT_BYTES). Copy bytes here before {@link decode}. */
  readonly input: Buffer;
  /**
   * Decodes input bytes [start, end) (at most {@link WASM_MAX_PAYLOAD} of them) as one readUTF
   * payload; null when they are not valid modified UTF-8.
   */
  decode(start: number, end: number): string | null;
  /**
   * Writes `text` (at most {@link WASM_MAX_ENCODE_UNITS} code units) as modified UTF-8 into
   * `target` at `offset`, which must have room for `3 * text.length` bytes. Returns the bytes
   * written. Exact for every string: surrogates and U+0000 are encoded as writeUTF encodes them.
   */
  encode(text: string, target: Uint8Array, offset: number): number;
}

interface NativeUcs2 {
  ucs2Slice(start: number, end: number): string;
  ucs2Write(text: string, offset: number): number;
}

/** The part of the WebAssembly JS API used here; Node 20's typings do not declare it. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

function instantiate(): WasmCodec | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return null;
  try {
    const { exports } = new api.Instance(new api.Module(Buffer.from(MUTF8_WASM, 'base64')));
    const memory = exports.memory as { buffer: ArrayBuffer };
    const runDecode = exports.decode as (start: number, end: number) => number;
    const runEncode = exports.encode as (units: number) => number;
    // The memory never grows (the module has no memory.grow), so these views stay valid.
    const all = Buffer.from(memory.buffer) as Buffer & NativeUcs2;
    // The encoder's output, [0, written), is copied out through a view of exactly that length.
    // Making the view costs as much as the copy of a short frame, so views up to
    // OUTPUT_VIEWS_CACHED bytes are kept, one per length, as they are first needed.
    const outputViews: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(
      OUTPUT_VIEWS_CACHED + 1,
    ).fill(undefined);
    const outputView = (written: number): Uint8Array => {
      if (written > OUTPUT_VIEWS_CACHED) return new Uint8Array(memory.buffer, 0, written);
      return (outputViews[written] ??= new Uint8Array(memory.buffer, 0, written));
    };
    return {
      input: all.subarray(0, WASM_INPUT_BYTES),
      decode(start, end) {
        const units = runDecode(start, end);
        return units < 0 ? null : all.ucs2Slice(UNITS_OFFSET, UNITS_OFFSET + 2 * units);
      },
      encode(text, target, offset) {
        // ucs2Write copies the string's code units as they are, lone surrogates included.
        all.ucs2Write(text, UNITS_OFFSET);
        const written = runEncode(text.length);
        target.set(outputView(written), offset);
        return written;
      },
    };
  } catch {
    // No WebAssembly (a V8 started with --jitless, say): the JS loops do everything.
    return null;
  }
}

let codec: WasmCodec | null | undefined;
let enabled = true;

/** The wasm codec, or null when WebAssembly is unavailable or switched off. Made on first use. */
export function wasmCodec(): WasmCodec | null {
  if (!enabled) return null;
  if (codec === undefined) codec = instantiate();
  return codec;
}

/**
 * Switches the wasm loops off (false) or on again, so that the benchmark and the JVM conformance
 * tests can run the JS loops too. Not a setting: both encode and decode exactly alike.
 */
export function useWasm(on: boolean): void {
  enabled = on;
}
