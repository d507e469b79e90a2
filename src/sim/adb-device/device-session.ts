import type net from 'node:net';
import { Duplex } from 'node:stream';
import {
  A_AUTH,
  A_CLSE,
  A_CNXN,
  A_OKAY,
  A_OPEN,
  A_VERSION,
  A_WRTE,
  AdbPacketReader,
  AUTH_RSAPUBLICKEY,
  AUTH_SIGNATURE,
  AUTH_TOKEN,
  encodePacket,
} from './adb-packet';

/** What the device does with an OPEN: refuse it, or hand the stream to a handler. */
export type ServiceHandler = (service: string) => ((stream: Duplex) => void) | null;

export interface DeviceSessionOptions {
  /** `device::ro.product.name=…;…;features=…`, without a trailing NUL. */
  banner: string;
  /** Whether the host's key is already trusted when it connects. */
  authorized: () => boolean;
  openService: ServiceHandler;
  /**
   * How long the device takes to answer an OPEN, by whether it accepts it: a busy phone, a hub
   * with many phones. @default no delay
   */
  openDelayMs?: (accepted: boolean) => number;
  /** @default 256 KiB */
  maxData?: number;
}

export type SessionPhase = 'handshake' | 'awaiting-user' | 'online' | 'closed';

/**
 * The device side of one adb host connection: handshake (CNXN, optionally AUTH), then streams
 * (OPEN/OKAY/WRTE/CLSE) with one unacknowledged WRTE per stream, as adbd does.
 */
export class DeviceSession {
  phase: SessionPhase = 'handshake';
  private readonly reader = new AdbPacketReader();
  private readonly streams = new Map<number, AdbStream>();
  private nextLocalId = 1;
  private hostMaxData = 4096;

  constructor(
    private readonly socket: net.Socket,
    private readonly options: DeviceSessionOptions,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const p of this.reader.push(chunk)) this.onPacket(p.command, p.arg0, p.arg1, p.payload);
      } catch {
        socket.destroy();
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => this.onClosed());
  }

  get maxData(): number {
    return Math.min(this.options.maxData ?? 256 * 1024, this.hostMaxData);
  }

  send(command: number, arg0: number, arg1: number, payload?: Buffer): void {
    if (this.phase === 'closed' || this.socket.destroyed) return;
    this.socket.write(encodePacket(command, arg0, arg1, payload));
  }

  /** The user tapped "Allow": announce ourselves, which adb shows as `device`. */
  authorize(): void {
    if (this.phase === 'handshake' || this.phase === 'awaiting-user') this.sendConnect();
  }

  /** Drops the connection, as a dying adbd or a pulled cable over TCP would. */
  close(): void {
    this.socket.destroy();
  }

  private sendConnect(): void {
    this.phase = 'online';
    this.send(
      A_CNXN,
      A_VERSION,
      this.options.maxData ?? 256 * 1024,
      Buffer.from(this.options.banner, 'utf8'),
    );
  }

  private sendToken(): void {
    const token = Buffer.alloc(20);
    for (let i = 0; i < token.length; i++) token[i] = (Math.random() * 256) | 0;
    this.send(A_AUTH, AUTH_TOKEN, 0, token);
  }

  private onPacket(command: number, arg0: number, arg1: number, payload: Buffer): void {
    switch (command) {
      case A_CNXN:
        this.hostMaxData = arg1 || this.hostMaxData;
        if (this.options.authorized()) this.sendConnect();
        else this.sendToken();
        return;
      case A_AUTH:
        // A signature we "cannot verify": ask again, so the host offers its public key, which
        // is the moment a real phone shows "Allow USB debugging?".
        if (arg0 === AUTH_SIGNATURE) this.sendToken();
        else if (arg0 === AUTH_RSAPUBLICKEY) {
          if (this.options.authorized()) this.sendConnect();
          else this.phase = 'awaiting-user';
        }
        return;
      case A_OPEN:
        return this.onOpen(arg0, payload);
      case A_OKAY:
        this.streams.get(arg1)?.onAck(arg0);
        return;
      case A_WRTE: {
        const s = this.streams.get(arg1);
        if (!s) return;
        this.send(A_OKAY, arg1, arg0);
        s.push(payload);
        return;
      }
      case A_CLSE: {
        const s = this.streams.get(arg1);
        if (s) s.onRemoteClose();
        return;
      }
      default:
        return; // adb 29 sends nothing else; a newer host's extras are ignored like an old adbd would.
    }
  }

  private onOpen(hostId: number, payload: Buffer): void {
    if (this.phase !== 'online') return;
    const service = payload.toString('utf8').replace(/\0+$/, '');
    const handler = this.options.openService(service);
    const delay = this.options.openDelayMs?.(handler !== null) ?? 0;
    if (delay > 0) {
      setTimeout(() => {
        if (this.phase === 'online') this.answerOpen(hostId, handler);
      }, delay);
    } else this.answerOpen(hostId, handler);
  }

  private answerOpen(hostId: number, handler: ((stream: Duplex) => void) | null): void {
    if (!handler) {
      this.send(A_CLSE, 0, hostId);
      return;
    }
    const localId = this.nextLocalId++;
    const stream = new AdbStream(this, localId, hostId, () => this.streams.delete(localId));
    this.streams.set(localId, stream);
    this.send(A_OKAY, localId, hostId);
    handler(stream);
  }

  private onClosed(): void {
    this.phase = 'closed';
    for (const s of [...this.streams.values()]) s.destroy();
    this.streams.clear();
  }
}

interface PendingChunk {
  data: Buffer;
  done?: (err?: Error | null) => void;
}

/** One adb stream as a Duplex: writes become WRTE packets, paced by the host's OKAYs. */
class AdbStream extends Duplex {
  private readonly queue: PendingChunk[] = [];
  private inFlight: PendingChunk | null = null;
  private closeSent = false;
  private remoteClosed = false;

  constructor(
    private readonly session: DeviceSession,
    private readonly localId: number,
    private remoteId: number,
    private readonly onGone: () => void,
  ) {
    super({ allowHalfOpen: false });
  }

  override _read(): void {
    // Data is pushed as WRTE packets arrive; the host is always acknowledged at once.
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, callback: (err?: Error | null) => void): void {
    if (this.remoteClosed) {
      callback(new Error('stream closed by the host'));
      return;
    }
    const max = this.session.maxData;
    for (let off = 0; off < chunk.length; off += max) {
      const last = off + max >= chunk.length;
      this.queue.push({ data: chunk.subarray(off, off + max), done: last ? callback : undefined });
    }
    if (chunk.length === 0) callback();
    this.pump();
  }

  override _final(callback: (err?: Error | null) => void): void {
    this.sendClose();
    callback();
    // A closed adb stream is closed both ways: nothing more will be read from it.
    this.push(null);
    setImmediate(() => this.destroy());
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    this.sendClose();
    for (const c of this.queue.splice(0)) c.done?.(err ?? new Error('stream destroyed'));
    this.onGone();
    callback(err);
  }

  onAck(remoteId: number): void {
    this.remoteId = remoteId;
    const done = this.inFlight?.done;
    this.inFlight = null;
    done?.();
    this.pump();
  }

  onRemoteClose(): void {
    this.remoteClosed = true;
    this.closeSent = true; // the host has already forgotten this stream
    this.push(null);
    this.destroy();
  }

  private pump(): void {
    if (this.inFlight || this.queue.length === 0) return;
    this.inFlight = this.queue.shift()!;
    this.session.send(A_WRTE, this.localId, this.remoteId, this.inFlight.data);
  }

  private sendClose(): void {
    if (this.closeSent) return;
    this.closeSent = true;
    this.session.send(A_CLSE, this.localId, this.remoteId);
  }
}
