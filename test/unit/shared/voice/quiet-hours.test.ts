import { describe, expect, it } from 'vitest';
import {
  QuietHoursError,
  isWithinQuietHours,
  parseTimeOfDay,
  validateQuietHours,
} from '../../../../src/shared/voice/quiet-hours';

const at = (hhmm: string): number => parseTimeOfDay(hhmm);

describe('quiet hours', () => {
  it.each([
    ['22:00', '08:00', '21:59', false],
    ['22:00', '08:00', '22:00', true],
    ['22:00', '08:00', '23:59', true],
    ['22:00', '08:00', '00:00', true],
    ['22:00', '08:00', '03:30', true],
    ['22:00', '08:00', '07:59', true],
    ['22:00', '08:00', '08:00', false],
    ['22:00', '08:00', '12:00', false],
    ['13:00', '14:30', '12:59', false],
    ['13:00', '14:30', '13:00', true],
    ['13:00', '14:30', '14:29', true],
    ['13:00', '14:30', '14:30', false],
    ['00:00', '00:00', '00:00', false],
    ['09:00', '09:00', '09:00', false],
  ])('%s–%s at %s → %s', (start, end, time, quiet) => {
    expect(isWithinQuietHours({ start, end }, at(time))).toBe(quiet);
  });

  it.each(['24:00', '7:00', '07:60', '', '07:00 ', '０７:００'])('rejects "%s" with a named error', (bad) => {
    expect(() => validateQuietHours({ start: bad, end: '08:00' })).toThrow(QuietHoursError);
    expect(() => parseTimeOfDay(bad)).toThrow(expect.objectContaining({ code: 'VOICE_QUIET_HOURS_INVALID' }));
  });
});
