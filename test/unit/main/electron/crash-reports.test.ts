import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../../src/main/core/logging/rotating-log';
import {
  crashDumpsDir,
  crashReporterOptions,
  followCrashUploadUrl,
  readCrashUploadUrl,
  rememberCrashUploadUrl,
} from '../../../../src/main/electron/crash-reports';
import { createSettingsService } from '../../../../src/main/core/settings/settings-service';
import { credentialsFrom, memorySettingsTable } from '../../../support/memory-settings';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'station-crash-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The core's real settings service over an in-memory table. */
const createMemorySettings = () =>
  createSettingsService({ repository: memorySettingsTable(), credentials: credentialsFrom() });

function recordingLog() {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (_scope: string, message: string) => void lines.push({ level, message });
  const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

describe('crash report options', () => {
  it('keeps the dumps in the data folder and uploads nothing without an address', () => {
    expect(crashDumpsDir('/data/station')).toBe(path.join('/data/station', 'crash-dumps'));
    expect(crashReporterOptions('')).toEqual({ uploadToServer: false });
    expect(crashReporterOptions('   ')).toEqual({ uploadToServer: false });
  });

  it('uploads to the address when one is set', () => {
    expect(crashReporterOptions(' https://crash.shop.example/submit ')).toEqual({
      submitURL: 'https://crash.shop.example/submit',
      uploadToServer: true,
    });
  });

  it('remembers the address beside the dumps for the next start, and says when it changed', () => {
    const dumps = path.join(tempDir(), 'crash-dumps');
    expect(readCrashUploadUrl(dumps)).toBe('');
    expect(rememberCrashUploadUrl(dumps, '')).toBe(false);
    expect(rememberCrashUploadUrl(dumps, 'https://crash.shop.example/submit ')).toBe(true);
    expect(readCrashUploadUrl(dumps)).toBe('https://crash.shop.example/submit');
    expect(rememberCrashUploadUrl(dumps, 'https://crash.shop.example/submit')).toBe(false);
    expect(rememberCrashUploadUrl(dumps, '')).toBe(true);
    expect(readCrashUploadUrl(dumps)).toBe('');
  });
});

describe('followCrashUploadUrl', () => {
  it('remembers the setting at start and at each change made while the station runs', () => {
    const dumps = path.join(tempDir(), 'crash-dumps');
    const settings = createMemorySettings();
    const { log, lines } = recordingLog();
    const stop = followCrashUploadUrl(dumps, settings, log);
    expect(readCrashUploadUrl(dumps)).toBe('');
    settings.update({ desktop: { crashUploadUrl: 'https://crash.shop.example/submit' } });
    expect(readCrashUploadUrl(dumps)).toBe('https://crash.shop.example/submit');
    expect(lines).toEqual([
      { level: 'info', message: 'crash upload address set; it applies at the next start' },
    ]);
    // Another setting changing writes nothing and says nothing.
    settings.update({ language: 'en' });
    expect(lines).toHaveLength(1);
    stop();
    settings.update({ desktop: { crashUploadUrl: '' } });
    expect(readCrashUploadUrl(dumps)).toBe('https://crash.shop.example/submit');
  });

  it('a folder that cannot be written is a warning, and the setting is still saved', () => {
    const blocked = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(blocked, 'a file where the dumps folder should be');
    const settings = createMemorySettings();
    const { log, lines } = recordingLog();
    followCrashUploadUrl(path.join(blocked, 'crash-dumps'), settings, log);
    expect(() =>
      settings.update({ desktop: { crashUploadUrl: 'https://crash.shop.example/submit' } }),
    ).not.toThrow();
    expect(settings.get().desktop.crashUploadUrl).toBe('https://crash.shop.example/submit');
    expect(lines.map((l) => l.level)).toEqual(['warn']);
    expect(lines[0].message).toContain('could not remember the crash upload address');
  });
});
