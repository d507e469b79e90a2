import { z } from 'zod';

/**
 * Where the desktop update stands, as the window's banner shows it.
 * - `off`: no updater here (the browser window of `npm run serve`, a development build);
 * - `idle`: nothing to install (none found yet, or the last check failed and is tried again later);
 * - `downloading`: a new version is coming down in the background;
 * - `ready`: downloaded; it installs at an idle moment (no payment in flight, settling or
 *   queued), or when the station quits;
 * - `installing`: the station is restarting into the new version.
 */
export const UPDATE_PHASES = ['off', 'idle', 'downloading', 'ready', 'installing'] as const;

export const updateStateSchema = z.object({
  phase: z.enum(UPDATE_PHASES),
  /** The version found, downloading or ready; null before one is found. */
  version: z.string().nullable(),
  /** Download progress, 0–100, while downloading. */
  percent: z.number().min(0).max(100).nullable(),
  /** The cashier chose "install now": it installs at the first idle moment, not after a quiet spell. */
  installRequested: z.boolean(),
  /** A payment is in flight, settling or queued right now, so the install waits. */
  waitingForPayments: z.boolean(),
  /**
   * Why the last check or download failed (the server down, a bad address…), or null after one
   * that worked. The station keeps running and tries again at the next check.
   */
  lastError: z.string().nullable(),
  /** When the last check ended, worked or not (ms since the epoch); null before the first. */
  checkedAt: z.number().int().nullable(),
});
export type UpdateState = z.infer<typeof updateStateSchema>;

/** What a window without a desktop shell is told. */
export const UPDATES_OFF: UpdateState = {
  phase: 'off',
  version: null,
  percent: null,
  installRequested: false,
  waitingForPayments: false,
  lastError: null,
  checkedAt: null,
};
