// `npm run demo`: the station, simulated phones (3 real device profiles by default) behind a real (private) adb server, and a
// simulated mini-program backend, so a newcomer sees the whole flow without owning a phone.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiClient } from '../../test/support/api-client';
import { createHttpClient } from '../../test/support/api-client';
import type { CallbackReceiver } from './callback-receiver';
import { startCallbackReceiver } from './callback-receiver';
import type { DemoArgs } from './demo-args';
import { DEMO_USAGE, DemoArgsError, demoTimings, parseDemoArgs } from './demo-args';
import type { DemoAdbServer } from './demo-adb-server';
import { startDemoAdbServer } from './demo-adb-server';
import type { DemoBackend } from './demo-backend';
import { createDemoBackend } from './demo-backend';
import type { DemoLog } from './demo-log';
import { createDemoLog } from './demo-log';
import type { DemoPrinter } from './demo-printer';
import { startDemoPrinter } from './demo-printer';
import type { DemoPhone } from './demo-phones';
import { plugDemoPhones } from './demo-phones';
import type { DeviceWatcher } from './device-watcher';
import { watchDevices } from './device-watcher';
import { runFleetDemo } from './fleet-demo';
import { openInBrowser } from './open-browser';
import type { StationProcess } from './station-launcher';
import { freeLoopbackPort, launchStation } from './station-launcher';
import { watchList } from './watch-list';

const ROOT = path.resolve(__dirname, '../..');

/** The Electron binary when it is installed (`require('electron')` is its path), else null. */
export function findElectron(): string | null {
  try {
    const p: unknown = createRequire(path.join(ROOT, 'package.json'))('electron');
    return typeof p === 'string' ? p : null;
  } catch {
    return null;
  }
}

interface Running {
  adb: DemoAdbServer | null;
  phones: DemoPhone[];
  receiver: CallbackReceiver | null;
  station: StationProcess | null;
  client: ApiClient | null;
  watcher: DeviceWatcher | null;
  backend: DemoBackend | null;
  printer: DemoPrinter | null;
  tempDataDir: string | null;
}

async function shutdown(run: Running, log: DemoLog, why: string): Promise<boolean> {
  log.line('demo', `${why}: stopping the backend, the station, the phones and adb…`);
  let clean = true;
  run.backend?.stop();
  run.watcher?.stop();
  if (run.station) {
    const code = await run.station.stop();
    log.line('demo', `station (pid ${run.station.pid}) exited with code ${code}`);
    if (code !== 0) clean = false;
  }
  run.client?.close();
  if (run.adb) {
    const left = run.adb.listForwards();
    log.line(
      'demo',
      `forwards left on the demo adb server: ${left.length}${left.length ? ` (${left.join('; ')})` : ''}`,
    );
    if (left.length > 0) clean = false;
  }
  for (const p of run.phones) await p.phone.close();
  if (run.adb) {
    await run.adb.close();
    log.line('demo', `adb server (pid ${run.adb.pid}) stopped, its temporary HOME removed`);
  }
  await run.receiver?.close();
  await run.printer?.close();
  if (run.tempDataDir) rmSync(run.tempDataDir, { recursive: true, force: true });
  if (run.backend) {
    const s = run.backend.stats;
    const finals = Object.entries(s.finals)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const cbs = run.receiver?.received ?? [];
    const bad = cbs.filter((c) => !c.signatureOk).length;
    log.plain(
      `demo summary: orders=${s.orders} reminders=${s.reminders} payments=${s.payments} ${finals || 'none-final'} callbacks=${cbs.length} bad-signatures=${bad} recoveries=${run.watcher?.recoveries ?? 0} tickets=${run.printer?.printed ?? 0}`,
    );
    if (run.printer)
      log.plain(`demo: the printed tickets, as the kitchen would read them: ${run.printer.file}`);
  }
  log.plain(clean ? 'demo: stopped cleanly.' : 'demo: stopped, with problems (see above).');
  return clean;
}

async function main(args: DemoArgs, log: DemoLog): Promise<number> {
  const timings = demoTimings(args.fast);
  const electronPath = findElectron();
  if (args.mode === 'electron' && !electronPath) {
    log.plain(
      'demo: --electron was asked for, but the Electron binary is not installed. Run without it for serve mode.',
    );
    return 2;
  }
  const mode: 'serve' | 'electron' = args.mode === 'serve' || !electronPath ? 'serve' : 'electron';
  const run: Running = {
    adb: null,
    phones: [],
    receiver: null,
    station: null,
    client: null,
    watcher: null,
    backend: null,
    printer: null,
    tempDataDir: null,
  };

  let stopping: Promise<boolean> | null = null;
  const stop = (why: string) => (stopping ??= shutdown(run, log, why));
  let interrupted: ((why: string) => void) | null = null;
  const onSignal = (sig: string) => {
    if (interrupted) interrupted(sig);
    else void stop(sig);
  };
  process.on('SIGINT', () => onSignal('Ctrl-C (SIGINT)'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  try {
    log.plain(
      `Cashier Station demo — ${args.fast ? 'fast' : 'human'} pace, ${mode} mode. Ctrl-C stops everything.\n`,
    );
    run.adb = await startDemoAdbServer();
    log.line(
      'demo',
      `private adb server on 127.0.0.1:${run.adb.port} (pid ${run.adb.pid}; its own HOME, USB off: your real phones are not touched)`,
    );
    run.phones = await plugDemoPhones(run.adb.port, args.profiles, timings, log);
    const names = new Map(run.phones.map((p) => [p.phone.serial, p.name]));
    const phoneName = (serial: string | null) => (serial ? (names.get(serial) ?? serial) : 'no phone');
    log.line(
      'demo',
      `${run.phones.length} simulated phones plugged in: ${run.phones.map((p) => `${p.name} (${p.phone.serial})`).join(', ')}`,
    );

    const credentials = {
      key: `cs_demo_${randomBytes(4).toString('hex')}`,
      secret: randomBytes(24).toString('hex'),
    };
    run.receiver = await startCallbackReceiver(credentials, (cb) =>
      log.line(
        'callback',
        `← ${cb.orderNo} ${cb.status}${cb.reason ? ` (${cb.reason})` : ''} ¥${cb.amount}, event ${cb.eventId.slice(0, 8)}…, signature ${cb.signatureOk ? 'valid' : 'INVALID'}`,
      ),
    );
    log.line('demo', `backend callback receiver at ${run.receiver.url}`);

    run.tempDataDir = args.dataDir ? null : mkdtempSync(path.join(tmpdir(), 'cashier-demo-data-'));
    const dataDir = args.dataDir ?? run.tempDataDir ?? '';
    // Kept after the demo stops (unlike the temporary data folder), so the tickets can be read.
    const ticketsFile = args.dataDir
      ? path.join(args.dataDir, 'printed-tickets.txt')
      : path.join(tmpdir(), `cashier-demo-tickets-${Date.now().toString(36)}.txt`);
    run.printer = await startDemoPrinter(ticketsFile, log);
    log.line(
      'demo',
      `simulated receipt printer (ESC/POS, GB18030) at ${run.printer.address}; its tickets go to ${ticketsFile}`,
    );
    const httpPort = mode === 'electron' && args.httpPort === 0 ? await freeLoopbackPort() : args.httpPort;
    const flags = [
      '--data-dir',
      dataDir,
      '--http-port',
      String(httpPort),
      '--adb-port',
      String(run.adb.port),
      '--adb-bin',
      run.adb.adbBin,
      '--result-timeout',
      String(timings.resultTimeoutSec),
      '--settle-sec',
      String(timings.settleSec),
      '--min-result-ms',
      String(timings.minResultMs),
      '--printer',
      run.printer.address,
    ];
    log.line(
      'demo',
      `starting the station (${mode}): data in ${dataDir}${args.dataDir ? '' : ' (temporary; --data-dir keeps one)'}`,
    );
    // Set while the station starts: a Ctrl-C then only needs the station's own exit.
    run.station = await launchStation({
      root: ROOT,
      mode,
      electronPath,
      fromSource: process.env.CASHIER_DEMO_STATION !== 'built',
      flags,
      env: { ...process.env, STATION_API_KEY: credentials.key, STATION_API_SECRET: credentials.secret },
      onLine: (line) => log.line('station', line),
      probe: async (url) => {
        const probeClient = createHttpClient(url, { credentials });
        try {
          return (await probeClient.send({ method: 'GET', target: '/api/v1/health' })).status === 200;
        } finally {
          probeClient.close();
        }
      },
    });
    const station = run.station;
    log.line(
      'demo',
      `station API at ${station.apiUrl} (pid ${station.pid}); key ${credentials.key}, secret ${credentials.secret}`,
    );
    if (station.uiUrl) {
      if (args.open && openInBrowser(station.uiUrl))
        log.line('demo', `opened the window in your browser: ${station.uiUrl}`);
      else log.line('demo', `open the cashier's window in a browser: ${station.uiUrl}`);
    } else if (mode === 'serve') {
      log.line(
        'demo',
        'no built window (run `npm run build` or `npm run demo` without --no-build); the API runs alone',
      );
    }

    run.client = createHttpClient(station.apiUrl, { credentials });
    run.watcher = watchDevices(run.client, log, (serial) => phoneName(serial));
    const payable = run.phones.filter((p) => p.payable);
    // The QR codes that wedge go to the last phone that pays.
    const wedge = payable[payable.length - 1];
    await run.watcher.waitReady(payable.length, 60_000);
    log.plain('');
    for (const line of watchList({
      timings,
      wedgePhone: wedge.name,
      apiUrl: station.apiUrl,
      credentials,
      uiUrl: station.uiUrl,
      mode,
      ticketsFile: run.printer.file,
    }))
      log.plain(line);
    log.plain('');

    const runId = Date.now().toString(36).slice(-6).toUpperCase();
    run.backend = createDemoBackend({
      client: run.client,
      log,
      timings,
      callbackUrl: run.receiver.url,
      wedgePhone: { serial: wedge.phone.serial, name: wedge.name },
      phoneName,
      runId,
    });
    const backend = run.backend;
    const finished = new Promise<string>((resolve) => {
      interrupted = resolve;
      if (args.durationSec !== null)
        setTimeout(
          () => resolve(`--duration ${args.durationSec} s reached`),
          args.durationSec * 1000,
        ).unref();
    });
    void backend.run();
    const why = await finished;
    return (await stop(why)) ? 0 : 1;
  } catch (err) {
    log.plain(`demo: ${(err as Error).message}`);
    await stop('the demo could not start');
    return 1;
  }
}

const log = createDemoLog();
let parsed: DemoArgs;
try {
  parsed = parseDemoArgs(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof DemoArgsError)) throw err;
  log.plain(`demo: ${err.message}`);
  process.exit(2);
}
if (parsed.help) {
  log.plain(DEMO_USAGE);
} else {
  void (parsed.fleet ? runFleetDemo(parsed, log, ROOT) : main(parsed, log)).then((code) =>
    process.exit(code),
  );
}
