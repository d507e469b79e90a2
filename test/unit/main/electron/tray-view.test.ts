import { describe, expect, it } from 'vitest';
import { INITIAL_TRAY_STATE, trayView } from '../../../../src/main/electron/tray-view';

const NOW = new Date(2026, 10, 22, 9, 0, 0).getTime();

describe('trayView', () => {
  it('shows phones ready, queue and an idle icon when no phone is ready', () => {
    const v = trayView({ ...INITIAL_TRAY_STATE, phonesTotal: 2, queueLength: 3 }, NOW, 'zh-CN');
    expect(v.icon).toBe('idle');
    expect(v.badge).toBe('0');
    expect(v.tooltip).toBe('收银站 · 手机 0/2 就绪 · 排队 3 笔');
    expect(v.title).toBe('');
    expect(v.menu).toMatchObject({
      show: '显示窗口',
      mute: '静音 30 分钟',
      muted: false,
      quit: '退出收银站',
    });
  });

  it('turns to attention with unread rush reminders, which win over the phone state', () => {
    const v = trayView({ ...INITIAL_TRAY_STATE, phonesReady: 2, phonesTotal: 2, unreadRush: 4 }, NOW, 'en');
    expect(v.icon).toBe('attention');
    expect(v.badge).toBe('4');
    expect(v.tooltip).toBe('Cashier Station · 2/2 phones ready · 0 queued · 4 unread rush');
    expect(v.title).toBe('2·0·!4');
  });

  it('is ok with a ready phone and nothing unread', () => {
    const v = trayView({ ...INITIAL_TRAY_STATE, phonesReady: 3, phonesTotal: 3, queueLength: 12 }, NOW, 'en');
    expect([v.icon, v.badge]).toEqual(['ok', '3']);
  });

  it('says until when it is muted and offers to unmute; an expired mute is not shown', () => {
    const until = NOW + 30 * 60_000;
    const muted = trayView({ ...INITIAL_TRAY_STATE, mutedUntil: until }, NOW, 'zh-CN');
    expect(muted.tooltip).toContain('静音至 09:30');
    expect(muted.menu).toMatchObject({ mute: '取消静音', muted: true });
    const expired = trayView({ ...INITIAL_TRAY_STATE, mutedUntil: until }, until + 1, 'zh-CN');
    expect(expired.tooltip).not.toContain('静音');
    expect(expired.menu.muted).toBe(false);
  });
});
