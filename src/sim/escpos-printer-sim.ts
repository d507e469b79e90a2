import net from 'node:net';
import iconv from 'iconv-lite';

/**
 * What a simulated printer does with a connection: `ok` prints, `no-paper` reports an empty roll
 * to DLE EOT 4, `hang` answers the first status query and then reads nothing, `close-mid-job`
 * drops the connection once the ticket starts.
 */
export type SimBehaviour = 'ok' | 'no-paper' | 'hang' | 'close-mid-job';

/**
 * A network ESC/POS printer on loopback (test and demo support): answers DLE EOT 4 with its
 * paper state and keeps every byte received, so its jobs can be decoded as they would print.
 * `unplug()` stops listening (connections are refused) and `plugIn()` listens again on the same
 * port, as a printer switched off and on.
 */
export async function startPrinterSim(behaviour: { current: SimBehaviour }, options: { port?: number } = {}) {
  const jobs: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const listeners: ((job: Buffer) => void)[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    let seen = 0;
    socket.on('data', (chunk: Buffer) => {
      // A hung printer answers its first status query, then reads nothing more.
      if (behaviour.current === 'hang' && seen > 0) return;
      chunks.push(chunk);
      seen += chunk.length;
      if (behaviour.current === 'close-mid-job' && seen > 3) {
        socket.destroy();
        return;
      }
      for (let i = 0; i + 2 < chunk.length; i++) {
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04 && chunk[i + 2] === 0x04) {
          socket.write(Buffer.from([behaviour.current === 'no-paper' ? 0x72 : 0x12]));
        }
      }
    });
    socket.on('end', () => {
      const job = Buffer.concat(chunks);
      jobs.push(job);
      for (const l of listeners) l(job);
      socket.end();
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(options.port ?? 0);
  const port = (server.address() as net.AddressInfo).port;
  const close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      if (!server.listening) return r();
      server.close(() => r());
    });
  return {
    address: `tcp://127.0.0.1:${port}`,
    port,
    jobs,
    /** Called with each finished connection's bytes. */
    onJob: (listener: (job: Buffer) => void) => void listeners.push(listener),
    unplug: close,
    plugIn: () => listen(port),
    close,
  };
}

export type PrinterSim = Awaited<ReturnType<typeof startPrinterSim>>;

/** The printed text lines of a job (ESC/POS commands dropped), and how many cuts it has. */
export function decodeJob(job: Buffer): { lines: string[]; cuts: number } {
  const lines: string[] = [];
  let text: number[] = [];
  let cuts = 0;
  for (let i = 0; i < job.length; i++) {
    const b = job[i];
    if (b === 0x10 && job[i + 1] === 0x04) i += 2;
    else if (b === 0x1b && job[i + 1] === 0x40) i += 1;
    else if (b === 0x1b && job[i + 1] === 0x42) i += 3;
    else if (b === 0x1b) i += 2;
    else if (b === 0x1c) i += 1;
    else if (b === 0x1d && job[i + 1] === 0x56) {
      cuts++;
      i += job[i + 2] >= 65 ? 3 : 2;
    } else if (b === 0x1d) i += 2;
    else if (b === 0x0a) {
      lines.push(iconv.decode(Buffer.from(text), 'gb18030'));
      text = [];
    } else if (b !== 0x0d) text.push(b);
  }
  return { lines, cuts };
}
