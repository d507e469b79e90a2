import { afterEach, describe, expect, it } from 'vitest';
import { VoiceSettingsError } from '../../../../src/shared/voice/announcer-settings';
import type { AnnouncerSettings } from '../../../../src/shared/voice/announcer-settings';
import type { Announcer } from '../../../../src/shared/voice/announcer-types';
import { createAnnouncerHarness, MINUTE, NOON, newOrder, outcomes } from './announcer-harness';
import { settle, type FakeVoicePlayer } from './fake-voice-player';
import type { ManualClock } from '../../../../src/main/core/util/clock';

let clock: ManualClock;
let player: FakeVoicePlayer;
let announcer: Announcer;

function setup(
  settings: Partial<AnnouncerSettings> = {},
  start = NOON,
  extra: { logCapacity?: number; dedupeCapacity?: number } = {},
): void {
  ({ clock, player, announcer } = createAnnouncerHarness(settings, start, extra));
}

afterEach(() => announcer?.dispose());

describe('volume, quiet hours and mute', () => {
  it('sets the player volume at start and on change, and refuses a bad value', () => {
    setup();
    expect(player.calls).toEqual([{ call: 'setVolume', volume: 0.8 }]);
    announcer.updateSettings({ volume: 0.3 });
    expect(player.calls.at(-1)).toEqual({ call: 'setVolume', volume: 0.3 });
    expect(() => announcer.updateSettings({ volume: 1.5 })).toThrow(VoiceSettingsError);
    expect(() => announcer.updateSettings({ repeatIntervalMs: 0 })).toThrow(
      expect.objectContaining({ code: 'VOICE_SETTINGS_INVALID', setting: 'repeatIntervalMs' }),
    );
    expect(() => announcer.updateSettings({ quietHours: { start: '25:00', end: '08:00' } })).toThrow(
      expect.objectContaining({ code: 'VOICE_QUIET_HOURS_INVALID' }),
    );
    expect(announcer.getState().settings.volume).toBe(0.3);
  });

  it('stays silent in quiet hours past midnight but lets payment trouble through, then catches up', async () => {
    const night = Date.UTC(2026, 0, 5, 23, 30);
    setup({ quietHours: { start: '22:00', end: '08:00' }, repeatIntervalMs: 60 * MINUTE }, night);
    announcer.announce(newOrder('A'));
    announcer.announce({ kind: 'payment-succeeded', eventId: 'ok', amountFen: 100 });
    announcer.announce({ kind: 'payment-attention', eventId: 'stuck' });
    expect(player.played).toEqual([['payment-attention']]);
    await player.endPlayback();
    expect(outcomes(announcer.getLog())).toEqual([
      'skipped:new-order/A(quiet-hours)',
      'skipped:payment-succeeded(quiet-hours)',
      'started:payment-attention',
      'played:payment-attention',
    ]);
    // The unaccepted order keeps its repeat cycle through the night and speaks once it is over.
    clock.advance(8 * 60 * MINUTE); // 07:30: repeats still skipped
    expect(player.played).toHaveLength(1);
    clock.advance(60 * MINUTE); // 08:30
    expect(announcer.getState().speaking).toMatchObject({ orderId: 'A', repeat: 9 });
  });

  it('can silence payment trouble in quiet hours too', () => {
    setup({ quietHours: { start: '12:00', end: '13:00', allow: 'nothing' } });
    announcer.announce({ kind: 'payment-failed', eventId: 'f' });
    expect(player.played).toEqual([]);
    expect(announcer.getLog()[0]).toMatchObject({ outcome: 'skipped', reason: 'quiet-hours' });
  });

  it('mutes for a while, cutting off what plays, but not the test button', async () => {
    setup({ repeatIntervalMs: 60_000 });
    announcer.announce(newOrder('A'));
    announcer.muteFor(5 * MINUTE);
    expect(player.calls.at(-1)).toEqual({ call: 'stop' });
    expect(announcer.getState()).toMatchObject({ speaking: null, mutedUntil: NOON + 5 * MINUTE });
    announcer.announce({ kind: 'rush', eventId: 'r', orderId: 'A' });
    announcer.announce({ kind: 'test', eventId: 't1' });
    expect(player.playing?.join(' ')).toBe(
      'alipay-received digit-1 unit-1000 digit-2 unit-100 digit-3 unit-10 digit-4 point digit-5 yuan',
    );
    await player.endPlayback();
    clock.advance(4 * MINUTE); // A's repeats fall inside the mute
    expect(player.played).toHaveLength(2);
    clock.advance(MINUTE);
    expect(announcer.getState().mutedUntil).toBeNull();
    clock.advance(MINUTE);
    expect(announcer.getState().speaking).toMatchObject({ orderId: 'A' });
    expect(outcomes(announcer.getLog()).slice(0, 4)).toEqual([
      'started:new-order/A',
      'stopped:new-order/A(muted)',
      'skipped:rush/A(muted)',
      'started:test',
    ]);
  });

  it('unmutes on request', () => {
    setup();
    announcer.muteFor(60 * MINUTE);
    announcer.unmute();
    announcer.announce({ kind: 'payment-failed', eventId: 'f' });
    expect(player.played).toEqual([['payment-failed']]);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('state and lifecycle', () => {
  it('publishes a new snapshot on each change, with what is being said', async () => {
    setup();
    const seen: (string | null)[] = [];
    const unsubscribe = announcer.subscribe(() => seen.push(announcer.getState().speaking?.text ?? null));
    const before = announcer.getState();
    announcer.announce({ kind: 'payment-succeeded', eventId: 'p', amountFen: 1250 });
    expect(announcer.getState()).not.toBe(before);
    expect(announcer.getState().speaking).toMatchObject({ text: '支付宝到账十二点五元', startedAt: NOON });
    expect(announcer.getState()).toBe(announcer.getState());
    await player.endPlayback();
    unsubscribe();
    announcer.announce({ kind: 'payment-failed', eventId: 'f' });
    expect(seen).toEqual(['支付宝到账十二点五元', null]);
  });

  it('stops everything on dispose and refuses later events', async () => {
    setup();
    announcer.announce(newOrder('A'));
    await player.endPlayback(); // A's repeat timer is now pending
    announcer.announce(newOrder('B'));
    announcer.announce(newOrder('C'));
    expect(clock.pendingTimers).toBe(1);
    announcer.dispose();
    expect(clock.pendingTimers).toBe(0);
    expect(player.playing).toBeNull();
    expect(announcer.announce(newOrder('D'))).toEqual({ accepted: false, reason: 'disposed' });
    expect(outcomes(announcer.getLog()).filter((o) => o.includes('disposed'))).toEqual([
      'stopped:new-order/B(disposed)',
      'skipped:new-order/C(disposed)',
      'dropped:new-order/D(disposed)',
    ]);
  });

  it('treats a player that throws synchronously like one that rejects', async () => {
    setup();
    player.play = () => {
      throw new Error('no audio device');
    };
    announcer.announce({ kind: 'payment-failed', eventId: 'f' });
    await settle();
    expect(announcer.getLog().at(-1)).toMatchObject({ outcome: 'failed', error: 'no audio device' });
    expect(announcer.getState().speaking).toBeNull();
  });
});
