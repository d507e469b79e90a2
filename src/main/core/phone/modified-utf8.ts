import { isUtf8 } from 'node:buffer';

/**
 * Java's "modified UTF-8", exactly as `DataOutputStream.writeUTF` writes it and
 * `DataInputStream.readUTF` reads it:
 * - every UTF-16 code unit is encoded on its own, so a supplementary character becomes two
 *   3-byte surrogates and a lone surrogate is encoded like any other code unit;
 * - U+0000 is `C0 80`, never a raw zero byte (the decoder still accepts a raw zero, as Java does);
 * - the decoder does not reject overlong forms, again as Java does.
 */

/** Characters whose modified UTF-8 differs from standard UTF-8. */
const NEEDS_SLOW_ENCODE = /[\0\uD800-\uDFFF]/;
/** After a strict UTF-8 decode, a surrogate can only come from a 4-byte sequence, which Java rejects. */
const HAS_SURROGATE = /[\uD800-\uDFFF]/;

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

/** Number of bytes `text` takes in modified UTF-8. */
export function modifiedUtf8Length(text: string): number {
  if (!NEEDS_SLOW_ENCODE.test(text)) return Buffer.byteLength(text, 'utf8');
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c >= 0x01 && c <= 0x7f ? 1 : c <= 0x7ff ? 2 : 3;
  }
  return n;
}

/**
 * Writes `text` as modified UTF-8 into `target` at `offset`; the caller has sized `target`
 * with {@link modifiedUtf8Length}. Returns the number of bytes written.
 */
export function writeModifiedUtf8(text: string, target: Buffer, offset: number): number {
  if (!NEEDS_SLOW_ENCODE.test(text)) return target.write(text, offset, 'utf8');
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

/** Decodes `bytes[start, end)` as `DataInputStream.readUTF` decodes a payload. */
export function readModifiedUtf8(bytes: Buffer, start = 0, end = bytes.length): string {
  const view = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
  // Fast path: strict UTF-8 with no 4-byte sequences decodes to the same code units in both
  // schemes, and the native decoder is much faster than a JS loop.
  if (isUtf8(view)) {
    const text = view.toString('utf8');
    if (!HAS_SURROGATE.test(text)) return text;
  }
  return decodeSlow(view);
}

function decodeSlow(b: Buffer): string {
  const units = new Uint16Array(b.length);
  let n = 0;
  let i = 0;
  const len = b.length;
  while (i < len) {
    const c = b[i];
    switch (c >> 4) {
      case 0:
      case 1:
      case 2:
      case 3:
      case 4:
      case 5:
      case 6:
      case 7:
        units[n++] = c;
        i += 1;
        break;
      case 12:
      case 13: {
        if (i + 2 > len) throw new MalformedInputError('truncated_sequence', i);
        const c2 = b[i + 1];
        if ((c2 & 0xc0) !== 0x80) throw new MalformedInputError('bad_continuation', i + 1);
        units[n++] = ((c & 0x1f) << 6) | (c2 & 0x3f);
        i += 2;
        break;
      }
      case 14: {
        if (i + 3 > len) throw new MalformedInputError('truncated_sequence', i);
        const c2 = b[i + 1];
        const c3 = b[i + 2];
        if ((c2 & 0xc0) !== 0x80) throw new MalformedInputError('bad_continuation', i + 1);
        if ((c3 & 0xc0) !== 0x80) throw new MalformedInputError('bad_continuation', i + 2);
        units[n++] = ((c & 0x0f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f);
        i += 3;
        break;
      }
      default:
        // 0x80–0xBF cannot start a character; 0xF0–0xF7 would be 4-byte UTF-8, which Java never
        // writes; 0xF8–0xFF are not UTF-8 at all.
        throw new MalformedInputError(c >= 0xf0 && c <= 0xf7 ? 'four_byte_sequence' : 'invalid_lead_byte', i);
    }
  }
  let out = '';
  const CHUNK = 8192;
  for (let k = 0; k < n; k += CHUNK) {
    // apply() takes any array-like, typed arrays included.
    out += String.fromCharCode.apply(null, units.subarray(k, Math.min(n, k + CHUNK)) as unknown as number[]);
  }
  return out;
}
