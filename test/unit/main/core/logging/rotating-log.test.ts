import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLogTail } from '../../../../../src/main/core/logging/log-tail';
import { createRotatingLog, formatLogLine } from '../../../../../src/main/core/logging/rotating-log';
import { createManualClock } from '../../../../../src/main/core/util/clock';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'station-log-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('formatLogLine', () => {
  it('stamps, levels and scopes a line, with an error code and an indented stack', () => {
    const err = Object.assign(new Error('boom'), { code: 'E_X' });
    err.stack = 'Error: boom\n    at here';
    expect(formatLogLine(0, 'error', 'api', 'failed', err)).toBe(
      '1970-01-01T00:00:00.000Z ERROR [api] failed — [E_X] Error: boom\n        at here\n',
    );
    expect(formatLogLine(0, 'info', 's', 'm', { a: 1 })).toBe(
      '1970-01-01T00:00:00.000Z INFO  [s] m — {"a":1}\n',
    );
  });
});

describe('createRotatingLog', () => {
  it('creates the folder, appends lines and drops those below the level', () => {
    const dir = path.join(tempDir(), 'logs');
    const log = createRotatingLog({ dir, clock: createManualClock(0), level: 'info' });
    log.debug('x', 'hidden');
    log.info('x', 'one');
    log.error('x', 'two');
    expect(fs.readFileSync(log.file, 'utf8').split('\n').filter(Boolean)).toEqual([
      '1970-01-01T00:00:00.000Z INFO  [x] one',
      '1970-01-01T00:00:00.000Z ERROR [x] two',
    ]);
  });

  it('rotates by size into .1 … .N and deletes the oldest', () => {
    const dir = tempDir();
    const log = createRotatingLog({ dir, maxBytes: 200, maxFiles: 2, clock: createManualClock(0) });
    // Each line is 45 bytes: four fit in 200 bytes.
    for (let i = 0; i < 20; i++) log.info('r', `line ${String(i).padStart(2, '0')}`);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['station.log', 'station.log.1', 'station.log.2']);
    for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(200);
    expect(fs.readFileSync(path.join(dir, 'station.log'), 'utf8')).toContain('line 19');
    expect(fs.readFileSync(path.join(dir, 'station.log.2'), 'utf8')).toContain('line 08');
    const all = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('');
    expect(all).not.toContain('line 07');
  });

  it('continues an existing file across restarts, counting its size', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'station.log'), 'x'.repeat(190) + '\n');
    const log = createRotatingLog({ dir, maxBytes: 200, clock: createManualClock(0) });
    log.info('r', 'after restart');
    expect(fs.readFileSync(path.join(dir, 'station.log.1'), 'utf8')).toHaveLength(191);
    expect(fs.readFileSync(log.file, 'utf8')).toContain('after restart');
  });
});

describe('readLogTail', () => {
  it('returns nothing when there is no log yet', () => {
    expect(readLogTail(path.join(tempDir(), 'station.log'))).toEqual({
      lines: [],
      truncated: false,
      file: null,
    });
  });

  it('returns the last lines, reaching into the rotated file when the current one is short', () => {
    const dir = tempDir();
    const log = createRotatingLog({ dir, maxBytes: 200, maxFiles: 3, clock: createManualClock(0) });
    for (let i = 0; i < 10; i++) log.info('t', `n${i}`);
    const tail = readLogTail(log.file, 6);
    expect(tail.file).toBe(log.file);
    expect(tail.lines.map((l) => l.split(' ').at(-1))).toEqual(['n4', 'n5', 'n6', 'n7', 'n8', 'n9']);
    expect(tail.truncated).toBe(true);
  });

  it('reads at most maxBytes from the end and drops the cut first line', () => {
    const dir = tempDir();
    const file = path.join(dir, 'station.log');
    fs.writeFileSync(file, `${'a'.repeat(100)}\nbbb\nccc\n`);
    expect(readLogTail(file, 10, 12)).toEqual({ lines: ['bbb', 'ccc'], truncated: true, file });
    expect(readLogTail(file, 10)).toMatchObject({ lines: ['a'.repeat(100), 'bbb', 'ccc'], truncated: false });
  });
});
