import { afterEach, describe, expect, it } from 'vitest';

import type { AnnouncerSettings } from '../../../../src/shared/voice/announcer-settings';
import type { Announcer } from '../../../../src/shared/voice/announcer-types';
import { createAnnouncerHarness, NOON, newOrder, outcomes } from './announcer-harness';
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

describe('announcer queue', () => {
  it('plays one sequence at a time, in arrival order within a priority', async () => {
    setup();
    announcer.announce(newOrder('A'));
    announcer.announce(newOrder('B'));
    expect(player.played).toEqual([['new-order']]);
    expect(announcer.getState().queued).toBe(1);
    expect(announcer.getState().speaking).toMatchObject({
      kind: 'new-order',
      orderId: 'A',
      text: '您有新订单，请及时处理',
    });
    await player.endPlayback();
    expect(player.played).toHaveLength(2);
    expect(announcer.getState().speaking?.orderId).toBe('B');
    await player.endPlayback();
    expect(announcer.getState().speaking).toBeNull();
    expect(outcomes(announcer.getLog())).toEqual([
      'started:new-order/A',
      'played:new-order/A',
      'started:new-order/B',
      'played:new-order/B',
    ]);
  });

  it('lets higher priorities wait for the current one, then go first', async () => {
    setup();
    announcer.announce(newOrder('A'));
    announcer.announce({ kind: 'payment-succeeded', eventId: 'p1', amountFen: 1250 });
    announcer.announce(newOrder('B'));
    announcer.announce({ kind: 'rush', eventId: 'r1', orderId: 'A' });
    announcer.announce({ kind: 'payment-attention', eventId: 'p2' });
    announcer.announce({ kind: 'payment-failed', eventId: 'p3' });
    expect(player.calls.filter((c) => c.call === 'stop')).toEqual([]);
    for (let i = 0; i < 5; i += 1) await player.endPlayback();
    expect(player.played.map((clips) => clips.join(' '))).toEqual([
      'new-order',
      'payment-attention',
      'payment-failed',
      'rush-reminder',
      'new-order',
      'alipay-received unit-10 digit-2 point digit-5 yuan',
    ]);
  });

  it('drops a duplicate event id, with bounded memory', async () => {
    setup({}, NOON, { dedupeCapacity: 2 });
    expect(announcer.announce({ kind: 'payment-failed', eventId: 'x' })).toEqual({ accepted: true });
    expect(announcer.announce({ kind: 'payment-failed', eventId: 'x' })).toEqual({
      accepted: false,
      reason: 'duplicate',
    });
    announcer.announce({ kind: 'payment-failed', eventId: 'y' });
    announcer.announce({ kind: 'payment-failed', eventId: 'z' });
    // "x" has been forgotten: two newer ids filled the window.
    expect(announcer.announce({ kind: 'payment-failed', eventId: 'x' })).toEqual({ accepted: true });
    expect(
      announcer
        .getLog()
        .filter((e) => e.outcome === 'dropped')
        .map((e) => e.reason),
    ).toEqual(['duplicate']);
    await settle();
  });

  it('announces one order once even under a second event id', () => {
    setup();
    announcer.announce(newOrder('A', 'e1'));
    expect(announcer.announce(newOrder('A', 'e2'))).toEqual({
      accepted: false,
      reason: 'already-announcing',
    });
  });

  it('falls back to 支付成功 when the amount cannot be read, or amounts are off', async () => {
    setup();
    announcer.announce({ kind: 'payment-succeeded', eventId: 'a', amountFen: 0 });
    await player.endPlayback();
    announcer.announce({ kind: 'payment-succeeded', eventId: 'b' });
    await player.endPlayback();
    announcer.updateSettings({ speakAmounts: false });
    announcer.announce({ kind: 'payment-succeeded', eventId: 'c', amountFen: 500 });
    expect(player.played).toEqual([['payment-succeeded'], ['payment-succeeded'], ['payment-succeeded']]);
  });

  it('logs a player failure and moves on', async () => {
    setup();
    announcer.announce({ kind: 'payment-failed', eventId: 'a' });
    announcer.announce({ kind: 'rush', eventId: 'b', orderId: 'O' });
    await player.failPlayback('NotAllowedError: autoplay blocked');
    expect(announcer.getLog().find((e) => e.outcome === 'failed')).toMatchObject({
      kind: 'payment-failed',
      reason: 'player-error',
      error: 'NotAllowedError: autoplay blocked',
    });
    expect(player.playing).toEqual(['rush-reminder']);
  });

  it('keeps only the last log entries', async () => {
    setup({}, NOON, { logCapacity: 3 });
    for (const id of ['a', 'b', 'c']) {
      announcer.announce({ kind: 'payment-failed', eventId: id });
      await player.endPlayback();
    }
    expect(announcer.getLog().map((e) => `${e.outcome}:${e.eventId}`)).toEqual([
      'played:b',
      'started:c',
      'played:c',
    ]);
  });
});

describe('new-order repeats', () => {
  it('repeats every interval after the last announcement ends, until accepted', async () => {
    setup({ repeatIntervalMs: 60_000 });
    announcer.announce(newOrder('A'));
    clock.advance(2_000);
    await player.endPlayback();
    clock.advance(59_999);
    expect(player.played).toHaveLength(1);
    clock.advance(1);
    expect(player.played).toHaveLength(2);
    expect(announcer.getState().speaking).toMatchObject({ orderId: 'A', repeat: 1 });
    await player.endPlayback();
    clock.advance(60_000);
    expect(announcer.getState().speaking).toMatchObject({ orderId: 'A', repeat: 2 });
    await player.endPlayback();
    announcer.stopOrder('A');
    expect(clock.pendingTimers).toBe(0);
    clock.advance(10 * 60_000);
    expect(player.played).toHaveLength(3);
    expect(announcer.getState().repeatingOrders).toEqual([]);
  });

  it('cuts off the order being spoken the moment it is accepted', async () => {
    setup();
    announcer.announce(newOrder('A'));
    announcer.announce({ kind: 'payment-succeeded', eventId: 'p', amountFen: 100 });
    announcer.stopOrder('A');
    expect(player.calls.at(-2)).toEqual({ call: 'stop' });
    expect(player.playing).toEqual(['alipay-received', 'digit-1', 'yuan']);
    await settle();
    expect(outcomes(announcer.getLog())).toEqual([
      'started:new-order/A',
      'stopped:new-order/A(accepted)',
      'started:payment-succeeded',
    ]);
    await player.endPlayback();
    clock.advance(5 * 60_000);
    expect(player.played).toHaveLength(2);
  });

  it('removes a queued repeat when the order is accepted', async () => {
    setup({ repeatIntervalMs: 10_000 });
    announcer.announce(newOrder('A'));
    await player.endPlayback();
    announcer.announce({ kind: 'payment-failed', eventId: 'long' });
    clock.advance(10_000); // A's repeat is due, but waits behind the payment announcement
    expect(announcer.getState().queued).toBe(1);
    announcer.stopOrder('A');
    expect(announcer.getState().queued).toBe(0);
    await player.endPlayback();
    clock.advance(60_000);
    expect(player.played).toEqual([['new-order'], ['payment-failed']]);
    expect(outcomes(announcer.getLog())).toContain('skipped:new-order/A#1(accepted)');
  });

  it('never starts repeating an order that was accepted before its event arrived', () => {
    setup();
    announcer.stopOrder('A');
    expect(announcer.announce(newOrder('A'))).toEqual({ accepted: false, reason: 'accepted' });
    expect(player.played).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('takes a changed interval from the next repeat on', async () => {
    setup({ repeatIntervalMs: 60_000 });
    announcer.announce(newOrder('A'));
    announcer.updateSettings({ repeatIntervalMs: 5_000 });
    await player.endPlayback();
    clock.advance(5_000);
    expect(player.played).toHaveLength(2);
  });
});
