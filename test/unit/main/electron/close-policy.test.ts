import { describe, expect, it } from 'vitest';
import { decideClose, decideCrash } from '../../../../src/main/electron/close-policy';

describe('decideClose', () => {
  it('hides to the tray only when the setting is on and the app is not quitting', () => {
    expect(decideClose({ quitting: false, closeToTray: true })).toBe('hide');
    expect(decideClose({ quitting: false, closeToTray: false })).toBe('close');
    expect(decideClose({ quitting: true, closeToTray: true })).toBe('close');
    expect(decideClose({ quitting: true, closeToTray: false })).toBe('close');
  });
});

describe('decideCrash', () => {
  it('reloads a crashed renderer, gives up after repeated crashes, ignores a clean exit', () => {
    expect(decideCrash('crashed', 0)).toBe('reload');
    expect(decideCrash('oom', 2)).toBe('reload');
    expect(decideCrash('crashed', 3)).toBe('give-up');
    expect(decideCrash('killed', 1, 1)).toBe('give-up');
    expect(decideCrash('clean-exit', 0)).toBe('ignore');
  });
});
