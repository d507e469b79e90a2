import fs from 'node:fs';
import path from 'node:path';
import type { CrashReporterStartOptions } from 'electron';
import type { Logger } from '../core/logging/rotating-log';

/**
 * Crash reports (Electron's Crashpad). The reporter must start before the first window or GPU
 * process exists, which is before the settings database is open; so the shell keeps the
 * `desktop.crashUploadUrl` setting in a small file beside the dumps and reads it from there. A
 * change of the setting applies at the next start, as the setting says.
 */

/** Where the minidumps are kept: the station's data folder, with its database and logs. */
export function crashDumpsDir(dataDir: string): string {
  return path.join(dataDir, 'crash-dumps');
}

const URL_FILE = 'upload-url.txt';

/** Without an address nothing leaves the PC: the dumps stay in {@link crashDumpsDir}. */
export function crashReporterOptions(uploadUrl: string): CrashReporterStartOptions {
  const url = uploadUrl.trim();
  return url ? { submitURL: url, uploadToServer: true } : { uploadToServer: false };
}

/** The upload address remembered at the last start; '' when none (or never written). */
export function readCrashUploadUrl(dumpsDir: string): string {
  try {
    return fs.readFileSync(path.join(dumpsDir, URL_FILE), 'utf8').trim();
  } catch {
    return '';
  }
}

/** Remembers the setting for the next start; returns whether it changed. */
export function rememberCrashUploadUrl(dumpsDir: string, uploadUrl: string): boolean {
  const url = uploadUrl.trim();
  if (readCrashUploadUrl(dumpsDir) === url) return false;
  fs.mkdirSync(dumpsDir, { recursive: true });
  fs.writeFileSync(path.join(dumpsDir, URL_FILE), url ? `${url}\n` : '');
  return true;
}

/** Where the setting comes from; the core's settings service fits as is. */
export interface CrashUrlSource {
  get(): { desktop: { crashUploadUrl: string } };
  on(event: 'changed', listener: (view: { desktop: { crashUploadUrl: string } }) => void): () => void;
}

/**
 * Remembers the setting now and at each change made while the station runs (Settings in the
 * window), so that it applies at the very next start rather than the one after. A file that
 * cannot be written is a warning: the setting itself is saved in the database all the same.
 * Returns the function that stops following.
 */
export function followCrashUploadUrl(dumpsDir: string, settings: CrashUrlSource, log: Logger): () => void {
  const remember = (url: string): void => {
    try {
      if (rememberCrashUploadUrl(dumpsDir, url))
        log.info(
          'shell',
          `crash upload address ${url.trim() ? 'set' : 'removed'}; it applies at the next start`,
        );
    } catch (err) {
      log.warn('shell', `could not remember the crash upload address in ${dumpsDir}`, err);
    }
  };
  remember(settings.get().desktop.crashUploadUrl);
  return settings.on('changed', (view) => remember(view.desktop.crashUploadUrl));
}
