import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../util/clock';
import { systemClock } from '../util/clock';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The logger the shells hand to the core and use themselves. */
export interface Logger {
  debug(scope: string, message: string, detail?: unknown): void;
  info(scope: string, message: string, detail?: unknown): void;
  warn(scope: string, message: string, detail?: unknown): void;
  error(scope: string, message: string, detail?: unknown): void;
}

export interface RotatingLogOptions {
  /** Folder of the log files, created if missing (the user-data folder's `logs/`). */
  dir: string;
  /**
   * File name of the current log; older ones get `.1`, `.2`, … appended.
   * @default 'station.log'
   */
  fileName?: string;
  /**
   * Size after which the current file is rotated. A cashier PC runs for months: without a cap
   * the log would fill the disk long before anyone reads it.
   * @default 1_048_576 (1 MiB)
   */
  maxBytes?: number;
  /**
   * Rotated files kept besides the current one; the oldest is deleted.
   * @default 5
   */
  maxFiles?: number;
  /**
   * Lines below this level are dropped.
   * @default 'info'
   */
  level?: LogLevel;
  /** @default systemClock */
  clock?: Clock;
  /** Also write each line here (the console in development). @default none */
  mirror?: (line: string) => void;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One line of text for `detail`: an error's stack, or JSON for anything else. */
export function formatDetail(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) {
    const code = (detail as { code?: unknown }).code;
    return `${code !== undefined ? `[${String(code)}] ` : ''}${detail.stack ?? detail.message}`;
  }
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail) ?? String(detail);
  } catch {
    return String(detail);
  }
}

/** `2026-11-22T00:40:00.000Z ERROR [scope] message — detail`, with newlines kept inside the entry. */
export function formatLogLine(at: number, level: LogLevel, scope: string, message: string, detail?: unknown) {
  const d = formatDetail(detail);
  // Continuation lines are indented so that a reader can tell where an entry ends.
  const text = `${message}${d ? ` — ${d}` : ''}`.replace(/\r?\n/g, '\n    ');
  return `${new Date(at).toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${text}\n`;
}

/**
 * A small rotating file logger: synchronous appends (a line written before a crash is on disk),
 * rotation by size into `name.1 … name.N`. No dependency, so it runs the same in Electron, in
 * serve mode and in tests, offline.
 *
 * Why not pino (which fastify brings) with a rotation transport: pino writes JSON lines only
 * (text needs pino-pretty, which parses them back), and pino-roll, the maintained rotation for
 * it, numbers every file (`station.1.log`, `station.2.log`…) with no fixed name for the current
 * one but a `current.log` symlink, which Windows refuses without Developer Mode or administrator
 * rights. The shell's error box, the window's Log and the tests read `logs/station.log` as text.
 * pino is faster, mostly by keeping the file open, but at a few lines a minute that buys nothing
 * here; `npm run bench -- log` measures both.
 */
export function createRotatingLog(options: RotatingLogOptions): Logger & { readonly file: string } {
  const fileName = options.fileName ?? 'station.log';
  const maxBytes = options.maxBytes ?? 1_048_576;
  const maxFiles = options.maxFiles ?? 5;
  const threshold = LEVELS[options.level ?? 'info'];
  const clock = options.clock ?? systemClock;
  const file = path.join(options.dir, fileName);
  fs.mkdirSync(options.dir, { recursive: true });
  let size = fs.existsSync(file) ? fs.statSync(file).size : 0;

  const rotate = (): void => {
    const rotated = (n: number) => `${file}.${n}`;
    fs.rmSync(rotated(maxFiles), { force: true });
    for (let n = maxFiles - 1; n >= 1; n--) {
      if (fs.existsSync(rotated(n))) fs.renameSync(rotated(n), rotated(n + 1));
    }
    if (maxFiles >= 1) fs.renameSync(file, rotated(1));
    else fs.rmSync(file, { force: true });
    size = 0;
  };

  const write = (level: LogLevel, scope: string, message: string, detail?: unknown): void => {
    if (LEVELS[level] < threshold) return;
    const line = formatLogLine(clock.now(), level, scope, message, detail);
    options.mirror?.(line);
    const bytes = Buffer.byteLength(line);
    try {
      if (size > 0 && size + bytes > maxBytes) rotate();
      fs.appendFileSync(file, line);
      size += bytes;
    } catch {
      // Logging must never take the station down (a full disk, a file locked by an editor);
      // the size is re-read so that the next line tries again from the truth.
      size = fs.existsSync(file) ? fs.statSync(file).size : 0;
    }
  };

  return {
    file,
    debug: (s, m, d) => write('debug', s, m, d),
    info: (s, m, d) => write('info', s, m, d),
    warn: (s, m, d) => write('warn', s, m, d),
    error: (s, m, d) => write('error', s, m, d),
  };
}
