import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder } from '../../../src/main/core/phone/frame-codec';
import { readModifiedUtf8 } from '../../../src/main/core/phone/modified-utf8';
import { useWasm, wasmCodec } from '../../../src/main/core/phone/mutf8-wasm';
import { fromUtf16Hex, runMutf8Ref, utf16Hex } from '../../support/java-ref';
import { createRng, randomPayload, randomText } from '../../support/random-text';

// Conformance against a real JVM: java.io.DataOutputStream.writeUTF / DataInputStream.readUTF.
// javac missing makes these tests fail with an install hint (see support/java-ref.ts); never skip.

describe('frame codec against the JVM', () => {
  // Both encoding loops: WebAssembly (the default for text that is not plain ASCII) and JS.
  describe.each(['wasm', 'js'] as const)('encoding with the %s loop', (loop) => {
    beforeAll(() => useWasm(loop === 'wasm'));
    afterAll(() => useWasm(true));

    it('encodes 12,000 random strings byte-for-byte like writeUTF, and the JVM reads ours back', () => {
      expect(wasmCodec() !== null).toBe(loop === 'wasm');
      const rng = createRng(0x5eed);
      const strings: string[] = [];
      for (let i = 0; i < 12_000; i++) strings.push(randomText(rng, i % 100 === 0 ? 4000 : 120));
      // Edges of every class, fixed.
      strings.push(
        '',
        '\u0000',
        '\ud800',
        '\udfff',
        '\udbff\udfff',
        '😀',
        'a\u0000b',
        '订单',
        '\u007f\u0080\u07ff\u0800\uffff',
        // ASCII first, then what the native encoder would get wrong or that is not ASCII.
        'ok\u0000',
        '{"msg":"\ud83d"}',
        '{"msg":"订单"}',
        // The largest frames: 65,535 payload bytes of CJK, and of ASCII with one CJK character.
        '付'.repeat(21_845),
        'x'.repeat(65_532) + '付',
      );

      const javaFrames = runMutf8Ref(strings.map((s) => `E ${utf16Hex(s)}`));
      let compared = 0;
      for (let i = 0; i < strings.length; i++) {
        const ours = encodeFrame(strings[i]).toString('hex');
        expect(javaFrames[i], `string #${i} ${JSON.stringify(strings[i]).slice(0, 80)}`).toBe(`OK ${ours}`);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(10_000);

      // Other direction: the JVM decodes our bytes to the original code units.
      const javaDecoded = runMutf8Ref(strings.map((s) => `D ${encodeFrame(s).subarray(2).toString('hex')}`));
      for (let i = 0; i < strings.length; i++) {
        expect(javaDecoded[i]).toBe(`OK ${utf16Hex(strings[i])}`);
      }
    });
  });

  // Both decoding loops, the WebAssembly one (the default) and the JS one (without WebAssembly).
  describe.each(['wasm', 'js'] as const)('decoding with the %s loop', (loop) => {
    beforeAll(() => useWasm(loop === 'wasm'));
    afterAll(() => useWasm(true));

    it('is the loop in use', () => {
      expect(wasmCodec() !== null).toBe(loop === 'wasm');
    });

    it('decodes the JVM frames exactly as readUTF, through the streaming decoder in random chunks', () => {
      const rng = createRng(42);
      const strings = Array.from({ length: 10_000 }, () => randomText(rng, 80));
      const javaFrames = runMutf8Ref(strings.map((s) => `E ${utf16Hex(s)}`)).map((l) =>
        Buffer.from(l.slice(3), 'hex'),
      );
      const stream = Buffer.concat(javaFrames);
      const decoder = new FrameDecoder();
      const out: string[] = [];
      for (let p = 0; p < stream.length;) {
        const n = 1 + Math.floor(rng() * 700);
        out.push(...decoder.push(stream.subarray(p, p + n)));
        p += n;
      }
      expect(out.length).toBe(strings.length);
      for (let i = 0; i < strings.length; i++) expect(out[i]).toBe(strings[i]);
      expect(decoder.pendingBytes).toBe(0);
    });

    it('decodes JVM frames of ASCII text, whole chunks of it at once, exactly as readUTF', () => {
      // Short JSON-like commands: their chunks are all ASCII, length prefixes included, so the
      // decoder reads each chunk in one pass; the control characters and DEL are ASCII too.
      const rng = createRng(99);
      const strings = Array.from({ length: 10_000 }, () => {
        const n = Math.floor(rng() * 120);
        let t = '';
        for (let k = 0; k < n; k++) t += String.fromCharCode(1 + Math.floor(rng() * 0x7f));
        return t;
      });
      const stream = Buffer.concat(
        runMutf8Ref(strings.map((s) => `E ${utf16Hex(s)}`)).map((l) => Buffer.from(l.slice(3), 'hex')),
      );
      const decoder = new FrameDecoder();
      const out: string[] = [];
      for (let p = 0; p < stream.length;) {
        const n = 1 + Math.floor(rng() * 4000);
        out.push(...decoder.push(stream.subarray(p, p + n)));
        p += n;
      }
      expect(out).toEqual(strings);
    });

    it('accepts and rejects the same random byte payloads as readUTF, with identical results', () => {
      const rng = createRng(7);
      const payloads = Array.from({ length: 10_000 }, () => randomPayload(rng, 40));
      const answers = runMutf8Ref(payloads.map((p) => `D ${p.toString('hex')}`));
      let accepted = 0;
      let rejected = 0;
      for (let i = 0; i < payloads.length; i++) {
        let ours: string;
        try {
          ours = `OK ${utf16Hex(readModifiedUtf8(payloads[i]))}`;
        } catch (err) {
          ours = `ERR ${(err as Error).name}`;
        }
        // The same payload as a frame, through the streaming decoder (which copies each chunk to
        // the wasm decoder once and decodes from there).
        const frame = Buffer.concat([
          Buffer.from([payloads[i].length >> 8, payloads[i].length & 0xff]),
          payloads[i],
        ]);
        let framed: string;
        try {
          framed = `OK ${utf16Hex(new FrameDecoder().push(frame)[0])}`;
        } catch (err) {
          framed = `ERR ${(err as Error).name}`;
        }
        if (answers[i].startsWith('OK ')) {
          accepted++;
          expect(ours, `payload ${payloads[i].toString('hex')}`).toBe(answers[i]);
          expect(readModifiedUtf8(payloads[i])).toBe(fromUtf16Hex(answers[i].slice(3)));
          expect(framed, `framed payload ${payloads[i].toString('hex')}`).toBe(answers[i]);
        } else {
          rejected++;
          expect(answers[i]).toMatch(/^ERR UTFDataFormatException/);
          expect(ours, `payload ${payloads[i].toString('hex')} (java: ${answers[i]})`).toBe(
            'ERR MalformedInputError',
          );
          expect(framed, `framed payload ${payloads[i].toString('hex')}`).toBe('ERR FrameDecodeError');
        }
      }
      // The generator must exercise both sides, or this test proves nothing.
      expect(accepted).toBeGreaterThan(1000);
      expect(rejected).toBeGreaterThan(1000);
    });
  });

  it('agrees with the JVM on the size limit: 65,535 bytes pass, 65,536 are refused', () => {
    const exact = 'a'.repeat(65_533) + '\u0000'; // 65,533 + 2 bytes
    const over = '订'.repeat(21_845) + 'a'; // 65,535 + 1 bytes
    const [okLine, errLine] = runMutf8Ref([`E ${utf16Hex(exact)}`, `E ${utf16Hex(over)}`]);
    expect(okLine).toBe(`OK ${encodeFrame(exact).toString('hex')}`);
    expect(errLine).toMatch(/^ERR UTFDataFormatException/);
    expect(() => encodeFrame(over)).toThrow(/65536 bytes exceeds the limit of 65535/);
  });
});
