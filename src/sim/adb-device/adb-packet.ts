/**
 * The ADB transport packet as a device sends and receives it over TCP: a 24-byte header of six
 * little-endian u32s (command, arg0, arg1, payload length, checksum, magic) and the payload.
 */

function cmd(name: string): number {
  return Buffer.from(name, 'ascii').readUInt32LE(0);
}

export const A_CNXN = cmd('CNXN');
export const A_AUTH = cmd('AUTH');
export const A_OPEN = cmd('OPEN');
export const A_OKAY = cmd('OKAY');
export const A_WRTE = cmd('WRTE');
export const A_CLSE = cmd('CLSE');

/** Version the host sends and we answer with; 0x01000001 means "skip the checksum". */
export const A_VERSION = 0x01000001;
/** AUTH arg0 values. */
export const AUTH_TOKEN = 1;
export const AUTH_SIGNATURE = 2;
export const AUTH_RSAPUBLICKEY = 3;

const HEADER = 24;

export interface AdbPacket {
  command: number;
  arg0: number;
  arg1: number;
  payload: Buffer;
}

export function commandName(command: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(command >>> 0, 0);
  return b.toString('ascii');
}

export function encodePacket(command: number, arg0: number, arg1: number, payload?: Buffer): Buffer {
  const body = payload ?? Buffer.alloc(0);
  const header = Buffer.alloc(HEADER);
  let sum = 0;
  // The plain byte sum, not CRC32; adb 29 ignores it from devices but we send it correct anyway.
  for (const byte of body) sum = (sum + byte) >>> 0;
  header.writeUInt32LE(command >>> 0, 0);
  header.writeUInt32LE(arg0 >>> 0, 4);
  header.writeUInt32LE(arg1 >>> 0, 8);
  header.writeUInt32LE(body.length, 12);
  header.writeUInt32LE(sum, 16);
  header.writeUInt32LE((command ^ 0xffffffff) >>> 0, 20);
  return Buffer.concat([header, body]);
}

/** Thrown when the byte stream cannot be an ADB packet stream (bad magic). */
export class AdbPacketError extends Error {
  readonly code = 'ADB_PACKET_MALFORMED';
  constructor(message: string) {
    super(`${message}; the peer is not speaking the ADB transport, close the connection.`);
    this.name = 'AdbPacketError';
  }
}

/** Reassembles packets from TCP chunks, which may split or merge them. */
export class AdbPacketReader {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): AdbPacket[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const out: AdbPacket[] = [];
    while (this.buffered.length >= HEADER) {
      const command = this.buffered.readUInt32LE(0);
      const length = this.buffered.readUInt32LE(12);
      const magic = this.buffered.readUInt32LE(20);
      if (magic !== (command ^ 0xffffffff) >>> 0) {
        throw new AdbPacketError(`bad magic for command 0x${command.toString(16)}`);
      }
      if (this.buffered.length < HEADER + length) break;
      out.push({
        command,
        arg0: this.buffered.readUInt32LE(4),
        arg1: this.buffered.readUInt32LE(8),
        payload: Buffer.from(this.buffered.subarray(HEADER, HEADER + length)),
      });
      this.buffered = this.buffered.subarray(HEADER + length);
    }
    return out;
  }
}
