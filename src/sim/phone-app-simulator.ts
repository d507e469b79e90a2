import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { encodeFrame, FrameDecoder } from '../main/core/phone/frame-codec';
import { AsyncSemaphore } from './async-semaphore';

/**
 * A stand-in for the reference phone app (docs/PHONE-PROTOCOL.md), faithful to its Java server:
 * - one handler ("thread") per connection reads one writeUTF frame;
 * - a frame whose groupId is the notify group comes from the app's own NotificationListenerService:
 *   it is appended to a FIFO, `semaNotify` is released and the handler answers "ok";
 * - any other frame is a pay command: acquire `semaCommand` (1), run execPay, acquire
 *   `semaNotify` (0), take the *oldest* notification from the FIFO, write `{"msg": …}`,
 *   release `semaCommand`, close.
 *
 * The hazards follow from that: a command with no notification blocks forever and blocks every
 * later command; a notification that nobody waits for (for instance one arriving after the app
 * was restarted) answers the next command at once.
 */

export interface ReceivedCommand {
  /** Sequence number over the simulator's lifetime, from 1. */
  seq: number;
  at: number;
  groupId: number;
  msg: string;
  raw: string;
  /** Which app process took it: 1 for the first, +1 at every start. */
  generation: number;
}

/**
 * A notification as it entered the app's FIFO, with where it came from, so a harness can tell
 * which PAY each answer really belonged to.
 */
export interface PostedNotification {
  /** Sequence number over the simulator's lifetime, from 1. */
  id: number;
  text: string;
  /** The command whose execPay produced it; null for one posted from outside or by the app's own client. */
  forSeq: number | null;
  /** The app process whose FIFO it entered. */
  generation: number;
  at: number;
}

/** What the app wrote back on one command's connection (event `answered`). */
export interface AnsweredCommand {
  cmd: ReceivedCommand;
  text: string;
  /** The FIFO entry the answer was taken from (null when the FIFO was empty). */
  notification: PostedNotification | null;
  /** The station's side was gone: the write went nowhere. */
  peerGone: boolean;
}

/** What the simulated Alipay does when execPay opens a QR code. */
export type CommandBehavior =
  /** Post a notification after `afterMs` (defaults to a success text with the QR's `amount=`). */
  | { kind: 'notify'; afterMs?: number; text?: string | ((cmd: ReceivedCommand) => string) }
  /** Post a failure notification. */
  | { kind: 'fail'; afterMs?: number; text?: string }
  /** Never post anything: the handler and `semaCommand` stay held, as in the seed. */
  | { kind: 'never' }
  /** The app process dies: every connection closes unanswered and the port refuses until restart. */
  | { kind: 'crash'; afterMs?: number }
  /** Answer with a frame that is not valid modified UTF-8, then close. */
  | { kind: 'garbage'; afterMs?: number; bytes?: Uint8Array };

export interface PhoneAppSimulatorOptions {
  /** groupId the app's own notification client uses. @default 0 */
  notifyGroupId?: number;
  /** @default { kind: 'notify', afterMs: 5 } */
  defaultBehavior?: CommandBehavior;
  /** Whether the app process is running at creation. @default true */
  running?: boolean;
  /** Decides each command's behaviour when none is queued; undefined falls back to the default. */
  chooseBehavior?: BehaviorChooser;
}

export type BehaviorChooser = (cmd: ReceivedCommand) => CommandBehavior | undefined;

/** A success text the way Alipay words it, for the amount found in the QR content (`amount=12.50`). */
export function defaultSuccessText(cmd: Pick<ReceivedCommand, 'msg'>): string {
  const m = /amount=([0-9]+(?:\.[0-9]{1,2})?)/.exec(cmd.msg);
  return `你已成功付款${m ? m[1] : '0.01'}元`;
}

const GARBAGE = Uint8Array.from([0x00, 0x03, 0x61, 0xff, 0x62]);

export interface PhoneAppSimulator extends EventEmitter {
  readonly running: boolean;
  /** The current app process: 1 for the first, +1 at every start. */
  readonly generation: number;
  readonly commands: readonly ReceivedCommand[];
  /** Notifications waiting in the FIFO. */
  readonly pendingNotifications: readonly string[];
  /** Handlers blocked waiting for `semaCommand`. */
  readonly blockedCommands: number;
  /** Sets what the next command does; queued behaviours are used before the default. */
  queueBehavior(...behaviors: CommandBehavior[]): void;
  setDefaultBehavior(b: CommandBehavior): void;
  setBehaviorChooser(chooser: BehaviorChooser | null): void;
  /**
   * Posts a notification now, as the NotificationListenerService would. Dropped when the app is
   * down. `forSeq` names the command it belongs to, for the harness's books.
   */
  notify(text: string, forSeq?: number): void;
  /** Posts a notification later, whether or not the app was restarted meanwhile. */
  notifyAfter(ms: number, text: string, forSeq?: number): void;
  /** Feeds one connection to the app. Returns false (and closes it) when the app is down. */
  handleConnection(stream: Duplex): boolean;
  /** Also serve over TCP on loopback. Returns the port. */
  listen(port?: number): Promise<number>;
  /** Kills the app process. */
  stopApp(): void;
  /** Starts a fresh process: empty FIFO, fresh semaphores. */
  startApp(): void;
  /** `am force-stop` then `am start`. */
  restartApp(): void;
  close(): Promise<void>;
}

export function createPhoneAppSimulator(options: PhoneAppSimulatorOptions = {}): PhoneAppSimulator {
  const notifyGroupId = options.notifyGroupId ?? 0;
  let defaultBehavior: CommandBehavior = options.defaultBehavior ?? { kind: 'notify', afterMs: 5 };
  let chooser: BehaviorChooser | null = options.chooseBehavior ?? null;
  const queued: CommandBehavior[] = [];
  const commands: ReceivedCommand[] = [];
  let notificationSeq = 0;
  let generation = 1;
  const timers = new Set<NodeJS.Timeout>();
  let server: net.Server | null = null;
  let serverPort = 0;
  let closed = false;

  // Everything below belongs to one app process and is replaced on restart.
  let proc = newProcess();
  let running = options.running ?? true;

  function newProcess() {
    return {
      semaCommand: new AsyncSemaphore(1),
      semaNotify: new AsyncSemaphore(0),
      fifo: [] as PostedNotification[],
      connections: new Set<Duplex>(),
    };
  }

  const sim = new EventEmitter() as PhoneAppSimulator;

  function later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  }

  function postNotification(text: string, forSeq: number | null): void {
    const entry: PostedNotification = { id: ++notificationSeq, text, forSeq, generation, at: Date.now() };
    if (!running) {
      sim.emit('notification-dropped', text, entry);
      return;
    }
    proc.fifo.push(entry);
    proc.semaNotify.release();
    sim.emit('notification', text, entry);
  }

  function pickBehavior(cmd: ReceivedCommand): CommandBehavior {
    return queued.shift() ?? chooser?.(cmd) ?? defaultBehavior;
  }

  function execPay(cmd: ReceivedCommand, conn: Duplex, b: CommandBehavior): void {
    switch (b.kind) {
      case 'notify': {
        const text = typeof b.text === 'function' ? b.text(cmd) : (b.text ?? defaultSuccessText(cmd));
        later(b.afterMs ?? 5, () => postNotification(text, cmd.seq));
        break;
      }
      case 'fail':
        later(b.afterMs ?? 5, () => postNotification(b.text ?? '支付失败', cmd.seq));
        break;
      case 'never':
        break;
      case 'crash':
        later(b.afterMs ?? 0, () => sim.stopApp());
        break;
      case 'garbage':
        later(b.afterMs ?? 0, () => {
          conn.write(b.bytes ?? GARBAGE);
          conn.end();
          proc.semaCommand.release();
        });
        break;
    }
  }

  async function handlerThread(conn: Duplex, p: ReturnType<typeof newProcess>): Promise<void> {
    const raw = await readOneFrame(conn);
    if (raw === null || p !== proc) return;
    let parsed: { groupId?: unknown; msg?: unknown };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      conn.destroy(); // fastjson throws; the reference app's thread dies with the exception.
      return;
    }
    const groupId = typeof parsed.groupId === 'number' ? parsed.groupId : 0;
    const msg = typeof parsed.msg === 'string' ? parsed.msg : '';
    if (groupId === notifyGroupId) {
      p.fifo.push({ id: ++notificationSeq, text: msg, forSeq: null, generation, at: Date.now() });
      p.semaNotify.release();
      conn.end(encodeFrame('ok'));
      return;
    }
    await p.semaCommand.acquire();
    const cmd: ReceivedCommand = {
      seq: commands.length + 1,
      at: Date.now(),
      groupId,
      msg,
      raw,
      generation,
    };
    commands.push(cmd);
    sim.emit('command', cmd);
    const behavior = pickBehavior(cmd);
    execPay(cmd, conn, behavior);
    if (behavior.kind === 'garbage') return;
    await p.semaNotify.acquire();
    const notification = p.fifo.shift() ?? null;
    const text = notification?.text ?? '';
    const peerGone = conn.destroyed || !conn.writable;
    // Like Java's first write after the peer's FIN, this "succeeds" even if the station is gone.
    if (!peerGone) conn.end(encodeFrame(JSON.stringify({ msg: text })));
    const answered: AnsweredCommand = { cmd, text, notification, peerGone };
    sim.emit('answered', answered);
    p.semaCommand.release();
  }

  function readOneFrame(conn: Duplex): Promise<string | null> {
    return new Promise((resolve) => {
      const decoder = new FrameDecoder();
      const onData = (chunk: Buffer) => {
        let frames: string[];
        try {
          frames = decoder.push(chunk);
        } catch {
          conn.destroy(); // readUTF throws; the reference app's thread dies.
          finish(null);
          return;
        }
        if (frames.length > 0) finish(frames[0]);
      };
      const onEnd = () => finish(null);
      function finish(v: string | null) {
        conn.off('data', onData);
        conn.off('close', onEnd);
        conn.off('end', onEnd);
        resolve(v);
      }
      conn.on('data', onData);
      conn.on('close', onEnd);
      conn.on('end', onEnd);
    });
  }

  Object.defineProperties(sim, {
    running: { get: () => running },
    generation: { get: () => generation },
    commands: { get: () => commands },
    pendingNotifications: { get: () => proc.fifo.map((n) => n.text) },
    blockedCommands: { get: () => proc.semaCommand.queueLength },
  });

  sim.queueBehavior = (...b) => void queued.push(...b);
  sim.setDefaultBehavior = (b) => {
    defaultBehavior = b;
  };
  sim.setBehaviorChooser = (c) => {
    chooser = c;
  };
  sim.notify = (text, forSeq) => postNotification(text, forSeq ?? null);
  sim.notifyAfter = (ms, text, forSeq) => later(ms, () => postNotification(text, forSeq ?? null));

  sim.handleConnection = (stream) => {
    if (!running || closed) {
      stream.destroy();
      return false;
    }
    const p = proc;
    p.connections.add(stream);
    stream.on('error', () => {});
    stream.on('close', () => p.connections.delete(stream));
    handlerThread(stream, p).catch(() => {
      // A disposed semaphore: the process this handler belonged to died.
    });
    return true;
  };

  sim.listen = async (port = 0) => {
    serverPort = port;
    await openServer();
    return serverPort;
  };

  async function openServer(): Promise<void> {
    const s = net.createServer((c) => sim.handleConnection(c));
    server = s;
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(serverPort, '127.0.0.1', () => {
        serverPort = (s.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  sim.stopApp = () => {
    if (!running) return;
    running = false;
    proc.semaCommand.dispose();
    proc.semaNotify.dispose();
    for (const c of proc.connections) c.destroy();
    proc = newProcess();
    // A dead app does not listen: connections are refused, as through adb they are accepted and closed.
    if (server) {
      server.close();
      server = null;
    }
    sim.emit('app-stopped');
  };

  sim.startApp = () => {
    if (running || closed) return;
    proc = newProcess();
    generation++;
    running = true;
    if (serverPort !== 0 && !server) void openServer().catch((err) => sim.emit('error', err));
    sim.emit('app-started');
  };

  sim.restartApp = () => {
    sim.stopApp();
    sim.startApp();
  };

  sim.close = async () => {
    closed = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
    const s = server;
    sim.stopApp();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };

  return sim;
}
