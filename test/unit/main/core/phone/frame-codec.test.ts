import { spawnSync } from 'node:child_process';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  FrameDecodeError,
  FrameDecoder,
  FrameTooLargeError,
  MAX_FRAME_PAYLOAD,
} from '../../../../../src/main/core/phone/frame-codec';
import {
  MalformedInputError,
  readModifiedUtf8,
  writeModifiedUtf8,
} from '../../../../../src/main/core/phone/modified-utf8';
import { useWasm, WASM_INPUT_BYTES, wasmCodec } from '../../../../../src/main/core/phone/mutf8-wasm';

const hex = (b: Buffer) => b.toString('hex').replace(/(..)(?!$)/g, '$1 ');

describe('encodeFrame', () => {
  // Reference bytes measured from java.io.DataOutputStream.writeUTF (shared/TOOLCHAIN.md).
  it.each([
    ['hello', '00 05 68 65 6c 6c 6f'],
    ['订单', '00 06 e8 ae a2 e5 8d 95'],
    ['a\u0000b', '00 04 61 c0 80 62'],
    ['x😀y', '00 08 78 ed a0 bd ed b8 80 79'],
    ['', '00 00'],
    ['\ud800', '00 03 ed a0 80'],
    ['\udc00x', '00 04 ed b0 80 78'],
    ['\u0080', '00 02 c2 80'],
  ])('%j → %s', (text, expected) => {
    expect(hex(encodeFrame(text))).toBe(expected);
  });

  it('accepts exactly 65,535 payload bytes and refuses 65,536 before writing anything', () => {
    const exact = 'x'.repeat(MAX_FRAME_PAYLOAD);
    const frame = encodeFrame(exact);
    expect(frame.length).toBe(MAX_FRAME_PAYLOAD + 2);
    expect(frame.readUInt16BE(0)).toBe(0xffff);

    const over = '\u0000'.repeat(32_768); // 2 bytes each
    let caught: unknown;
    try {
      encodeFrame(over);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FrameTooLargeError);
    expect((caught as FrameTooLargeError).code).toBe('FRAME_TOO_LARGE');
    expect((caught as FrameTooLargeError).byteLength).toBe(65_536);
    // The refused frame left nothing behind: the next one is whole.
    expect(hex(encodeFrame('ok'))).toBe('00 02 6f 6b');
  });

  it('gives every frame bytes of its own, though small frames are cut from a shared slab', () => {
    // Enough frames to fill several slabs, all kept: none may be written over by a later one.
    const texts = Array.from(
      { length: 5_000 },
      (_, i) => `{"groupId":1,"msg":"qr-${i}-订单${'x'.repeat(i % 50)}"}`,
    );
    const framesKept = texts.map(encodeFrame);
    const d = new FrameDecoder();
    expect(d.push(Buffer.concat(framesKept))).toEqual(texts);
    // Writing into one frame touches no other.
    framesKept[0].fill(0);
    expect(d.push(framesKept[1])).toEqual([texts[1]]);
  });

  it('gives frames that are Buffers in every way a caller sees, though cut from a slab', () => {
    const frame = encodeFrame('ok');
    expect(Buffer.isBuffer(frame)).toBe(true);
    expect(frame).toBeInstanceOf(Buffer);
    expect(frame.constructor).toBe(Buffer);
    expect(inspect(frame)).toBe('<Buffer 00 02 6f 6b>');
    expect(Buffer.isBuffer(frame.subarray(2))).toBe(true);
    expect(frame.subarray(2).toString()).toBe('ok');
    expect(frame.toJSON()).toEqual({ type: 'Buffer', data: [0, 2, 0x6f, 0x6b] });
    expect(frame.equals(Buffer.from([0, 2, 0x6f, 0x6b]))).toBe(true);
    expect(Buffer.concat([frame, frame]).length).toBe(8);
  });

  it('frames a text too long for the slab in a Buffer of its own, byte for byte', () => {
    const long = '付'.repeat(5_000); // 15,000 bytes
    const frame = encodeFrame(long);
    expect(frame.readUInt16BE(0)).toBe(15_000);
    expect(frame.length).toBe(15_002);
    expect(new FrameDecoder().push(frame)).toEqual([long]);
  });
});

describe('FrameDecoder', () => {
  const frames = [
    '{"groupId":1,"msg":"https://qr.alipay.com/x"}',
    '你已成功付款12.50元',
    '',
    'a\u0000😀\ud800',
  ];
  const stream = Buffer.concat(frames.map(encodeFrame));

  it('decodes a stream fed one byte at a time', () => {
    const d = new FrameDecoder();
    const out: string[] = [];
    for (const byte of stream) out.push(...d.push(Buffer.from([byte])));
    expect(out).toEqual(frames);
    expect(d.pendingBytes).toBe(0);
  });

  it('decodes several frames from a single chunk, and keeps a partial tail for later', () => {
    const d = new FrameDecoder();
    const cut = stream.length - 3;
    expect(d.push(stream.subarray(0, cut))).toEqual(frames.slice(0, 3));
    const firstThree = frames.slice(0, 3).reduce((n, f) => n + encodeFrame(f).length, 0);
    expect(d.pendingBytes).toBe(cut - firstThree);
    expect(d.push(stream.subarray(cut))).toEqual(frames.slice(3));
  });

  it('decodes an all-ASCII chunk (raw zero bytes included, as readUTF reads them) in one pass', () => {
    const ascii = ['{"groupId":1,"msg":"https://qr.alipay.com/fkx1?amount=1.00"}', 'ok', '', 'a\u0000b'];
    // The zero is sent raw here, as readUTF accepts it; writeUTF would have sent C0 80.
    const bytes = Buffer.concat(
      ascii.map((t) => Buffer.concat([Buffer.from([0, t.length]), Buffer.from(t, 'latin1')])),
    );
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    expect(new FrameDecoder().push(bytes)).toEqual(ascii);
  });

  it('decodes frames that straddle chunks, whatever the cut, and counts offsets across them', () => {
    const texts = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `订单${i}号` : `{"n":${i}}`));
    const all = Buffer.concat(texts.map(encodeFrame));
    for (const size of [1, 2, 3, 5, 7, 13, 64]) {
      const d = new FrameDecoder();
      const out: string[] = [];
      for (let p = 0; p < all.length; p += size) out.push(...d.push(all.subarray(p, p + size)));
      expect(out, `chunks of ${size}`).toEqual(texts);
    }
    // A malformed frame right after a straddling one: its offset still counts from the stream start.
    const bad = Buffer.from([0x00, 0x02, 0x61, 0xff]);
    const stream = Buffer.concat([all, bad]);
    const d = new FrameDecoder();
    let caught: unknown;
    try {
      for (let p = 0; p < stream.length; p += 10) d.push(stream.subarray(p, p + 10));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FrameDecodeError);
    expect((caught as FrameDecodeError).offset).toBe(all.length + 3);
  });

  it('refuses a length prefix above the configured maximum without waiting for the payload', () => {
    const d = new FrameDecoder({ maxPayloadBytes: 16 });
    expect(d.push(encodeFrame('0123456789abcdef'))).toEqual(['0123456789abcdef']);
    expect(() => d.push(Buffer.from([0x00, 0x11]))).toThrow(FrameTooLargeError);
    // Poisoned: the stream lost framing.
    expect(() => d.push(Buffer.from([0x00]))).toThrow(FrameTooLargeError);
    // A prefix split over two chunks is refused as soon as its second byte arrives.
    const split = new FrameDecoder({ maxPayloadBytes: 16 });
    expect(split.push(Buffer.from([0x00]))).toEqual([]);
    expect(() => split.push(Buffer.from([0x11]))).toThrow(FrameTooLargeError);
  });

  it('rejects an invalid maximum', () => {
    expect(() => new FrameDecoder({ maxPayloadBytes: 70_000 })).toThrow(RangeError);
    expect(() => new FrameDecoder({ maxPayloadBytes: -1 })).toThrow(RangeError);
  });

  it.each([
    ['bad continuation', [0x61, 0xc3, 0x41], 'bad_continuation', 2],
    ['bad third byte', [0xe8, 0xae, 0x41], 'bad_continuation', 2],
    ['truncated 2-byte', [0x61, 0x62, 0xc3], 'truncated_sequence', 2],
    ['truncated 3-byte', [0xe8, 0xae], 'truncated_sequence', 0],
    ['4-byte UTF-8', [0x78, 0xf0, 0x9f, 0x98, 0x80], 'four_byte_sequence', 1],
    ['stray continuation as lead', [0x61, 0x80], 'invalid_lead_byte', 1],
    ['0xFF lead', [0xff], 'invalid_lead_byte', 0],
  ])('names %s with its payload offset and its stream offset', (_name, payload, kind, offset) => {
    const bytes = Buffer.from(payload);
    expect(() => readModifiedUtf8(bytes)).toThrow(MalformedInputError);
    try {
      readModifiedUtf8(bytes);
    } catch (err) {
      expect((err as MalformedInputError).kind).toBe(kind);
      expect((err as MalformedInputError).offset).toBe(offset);
    }
    // In a stream, after one good frame of 7 bytes, the offset counts from the stream start.
    const good = encodeFrame('hello');
    const bad = Buffer.concat([Buffer.from([0, bytes.length]), bytes]);
    const d = new FrameDecoder();
    let caught: unknown;
    try {
      d.push(Buffer.concat([good, bad]));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FrameDecodeError);
    expect((caught as FrameDecodeError).reason).toBe(kind);
    expect((caught as FrameDecodeError).offset).toBe(good.length + 2 + offset);
    expect((caught as FrameDecodeError).message).toContain(`stream byte ${good.length + 2 + offset}`);
  });

  it('accepts what readUTF accepts although writeUTF never writes it: raw zero and overlong forms', () => {
    expect(readModifiedUtf8(Buffer.from([0x61, 0x00, 0x62]))).toBe('a\u0000b');
    expect(readModifiedUtf8(Buffer.from([0xc1, 0x81]))).toBe('A');
    expect(readModifiedUtf8(Buffer.from([0xe0, 0x80, 0x80]))).toBe('\u0000');
  });
});

/** Frames `texts` with the wasm loop and the JS loop, expects the same bytes, and returns them (hex). */
function framesByBothLoops(texts: string[]): string[] {
  const withWasm = texts.map((t) => encodeFrame(t).toString('hex'));
  useWasm(false);
  try {
    expect(wasmCodec()).toBeNull();
    let differ = 0;
    for (let i = 0; i < texts.length; i++)
      if (encodeFrame(texts[i]).toString('hex') !== withWasm[i]) differ++;
    expect(differ).toBe(0);
  } finally {
    useWasm(true);
  }
  return withWasm;
}

describe('the WebAssembly loops', () => {
  it('is compiled from mutf8.wat as committed (npm run wasm --check)', () => {
    const r = spawnSync(process.execPath, ['scripts/wasm-build.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/mutf8-wasm-module\.ts matches/);
  });

  it('loads in this runtime', () => {
    expect(wasmCodec()).not.toBeNull();
  });

  it('encodes every UTF-16 code unit as the JS loop does, alone, after ASCII and after CJK', () => {
    const texts: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      texts.push(ch, `{"a":${ch}`, `订${ch}单`);
    }
    const withWasm = framesByBothLoops(texts);
    // Spot checks against writeUTF's bytes (shared/TOOLCHAIN.md): U+0000 is C0 80, U+0080 two bytes.
    expect(withWasm[3 * 0 + 2]).toBe('0008e8aea2c080e58d95');
    expect(withWasm[3 * 0x80 + 2]).toBe('0008e8aea2c280e58d95');
  });

  it('encodes runs of CJK eight units at a time, with any other unit at any place, as the JS loop does', () => {
    // The wasm loop takes eight units at once when all eight need three bytes; one unit of another
    // kind anywhere in the eight sends them one by one.
    const units = [0, 1, 0x7f, 0x80, 0x7ff, 0x800, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffe, 0xffff];
    for (let c = 0; c <= 0xffff; c += 97) units.push(c);
    const texts: string[] = [];
    for (const c of units) {
      for (let at = 0; at < 17; at++) {
        const run = Array.from({ length: 17 }, (_, k) => String.fromCharCode(0x4e00 + k * 37));
        run[at] = String.fromCharCode(c);
        texts.push(run.join(''), run.join('').slice(1));
      }
    }
    texts.push('付'.repeat(21_845));
    framesByBothLoops(texts);
  });

  it('encodes 65,535 CJK units, the most it takes, without writing past its output', () => {
    const text = '付'.repeat(65_535);
    const out = Buffer.alloc(3 * text.length + 8, 0xaa);
    expect(writeModifiedUtf8(text, out, 4)).toBe(196_605);
    expect(out.subarray(4, 196_609).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect([...out.subarray(0, 4), ...out.subarray(196_609)]).toEqual(new Array(8).fill(0xaa));
    // The module's memory is intact after it: the next frame is right.
    expect(hex(encodeFrame('订单'))).toBe('00 06 e8 ae a2 e5 8d 95');
  });

  it('decodes a chunk too big for its memory with the JS loop, and the frames are the same', () => {
    const texts = Array.from({ length: 900 }, (_, i) => `第${i}笔 你已成功付款${i}.00元，` + '款'.repeat(80));
    const stream = Buffer.concat(texts.map(encodeFrame));
    expect(stream.length).toBeGreaterThan(WASM_INPUT_BYTES);
    expect(new FrameDecoder().push(stream)).toEqual(texts);
    // The same bytes in socket-sized chunks go through the wasm loop.
    const d = new FrameDecoder();
    const out: string[] = [];
    for (let p = 0; p < stream.length; p += 65_536) out.push(...d.push(stream.subarray(p, p + 65_536)));
    expect(out).toEqual(texts);
  });

  it('gives the same error, at the same stream offset, as the JS loop', () => {
    // A bad continuation byte in the second frame of a CJK chunk.
    const stream = Buffer.concat([encodeFrame('订单'), encodeFrame('付款')]);
    stream[stream.length - 2] = 0x41;
    const errorOf = () => {
      try {
        new FrameDecoder().push(stream);
      } catch (err) {
        return err as FrameDecodeError;
      }
      throw new Error('decoded');
    };
    const withWasm = errorOf();
    useWasm(false);
    try {
      const withJs = errorOf();
      expect(withWasm).toBeInstanceOf(FrameDecodeError);
      expect([withWasm.reason, withWasm.offset, withWasm.message]).toEqual([
        withJs.reason,
        withJs.offset,
        withJs.message,
      ]);
      expect(withWasm.offset).toBe(stream.length - 2);
    } finally {
      useWasm(true);
    }
  });
});
