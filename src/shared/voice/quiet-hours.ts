/**
 * Quiet hours: a daily window, in the shop's local time, during which the announcer stays silent
 * (or lets only payment trouble through). The window may wrap past midnight (22:00–08:00).
 */
export interface QuietHours {
  /** Start of the quiet window, `HH:MM` local time, inclusive. */
  start: string;
  /** End of the quiet window, `HH:MM` local time, exclusive. Equal to `start` means never quiet. */
  end: string;
  /**
   * What may still be spoken while quiet. `payment-trouble` lets a failed or stuck payment through,
   * because a customer is standing at the till waiting on it even at night.
   * @default 'payment-trouble'
   */
  allow?: 'nothing' | 'payment-trouble';
}

export class QuietHoursError extends Error {
  readonly code = 'VOICE_QUIET_HOURS_INVALID';
  constructor(readonly value: string) {
    super(`Quiet hours time "${value}" is not HH:MM (00:00 to 23:59); enter it as e.g. 22:00.`);
    this.name = 'QuietHoursError';
  }
}

const HH_MM = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/** `"22:30"` → 1350 minutes after midnight. */
export function parseTimeOfDay(value: string): number {
  const match = HH_MM.exec(value);
  if (!match) throw new QuietHoursError(value);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Throws {@link QuietHoursError} for a malformed window; call it when a setting is saved. */
export function validateQuietHours(quiet: QuietHours): void {
  parseTimeOfDay(quiet.start);
  parseTimeOfDay(quiet.end);
}

/** Whether `minuteOfDay` (0–1439) falls inside the window, wrapping past midnight when needed. */
export function isWithinQuietHours(quiet: QuietHours, minuteOfDay: number): boolean {
  const start = parseTimeOfDay(quiet.start);
  const end = parseTimeOfDay(quiet.end);
  if (start === end) return false;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

/** The local minute of the day for an epoch time, in the machine's time zone. */
export function localMinuteOfDay(epochMs: number): number {
  const date = new Date(epochMs);
  return date.getHours() * 60 + date.getMinutes();
}
