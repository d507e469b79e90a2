import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../../src/shared/contract/bridge-types';
import type { OrderRecord, PaymentRecord } from '../../../../src/shared/contract/record-schemas';
import type { DesktopNotice } from '../../../../src/main/electron/notification-policy';
import { noticeFor } from '../../../../src/main/electron/notification-policy';
import { createDesktopFeed } from '../../../../src/main/electron/desktop-feed';
import type { TrayState } from '../../../../src/main/electron/tray-view';

function order(orderNo: string, patch: Partial<OrderRecord> = {}): OrderRecord {
  return {
    orderNo,
    status: 'new',
    amountFen: 1250,
    items: [],
    customer: null,
    note: null,
    rushCount: 1,
    lastRushAt: 1,
    createdAt: 1,
    updatedAt: 1,
    ...patch,
  };
}

function payment(orderNo: string, status: PaymentRecord['status']): PaymentRecord {
  return {
    orderNo,
    status,
    amountFen: 1250,
    deviceSerial: 'S1',
    pinnedSerial: null,
    notificationText: null,
    review: status === 'unknown' ? { reason: 'timeout' } : null,
    cancelRequested: false,
    refundNeeded: false,
    resolution: null,
    expiresAt: 2,
    createdAt: 1,
    updatedAt: 1,
  };
}

const rush = (orderNo: string, eventId: string, patch: Partial<OrderRecord> = {}): EventMessage => ({
  name: 'order:rush',
  payload: { order: order(orderNo, patch), eventId },
});
const paid = (orderNo: string, status: PaymentRecord['status']): EventMessage => ({
  name: 'payment:updated',
  payload: payment(orderNo, status),
});

describe('noticeFor', () => {
  it('notifies rush reminders and payments that need a person, only while the window is hidden', () => {
    const hidden = { windowVisible: false, language: 'zh-CN' as const };
    expect(noticeFor(rush('A1', 'e1', { rushCount: 2 }), hidden)).toEqual({
      key: 'rush:e1',
      title: '顾客催单',
      body: '订单 A1 第 2 次催单，请尽快处理。',
    });
    expect(noticeFor(paid('P1', 'unknown'), { windowVisible: false, language: 'en' })).toMatchObject({
      key: 'unknown:P1',
      title: 'A payment needs you',
      body: expect.stringContaining('¥12.50'),
    });
    expect(noticeFor(paid('P1', 'succeeded'), hidden)).toBeNull();
    expect(noticeFor(rush('A1', 'e1', { status: 'done' }), hidden)).toBeNull();
    expect(noticeFor(rush('A1', 'e1'), { windowVisible: true, language: 'zh-CN' })).toBeNull();
    expect(noticeFor(paid('P1', 'unknown'), { windowVisible: true, language: 'zh-CN' })).toBeNull();
  });
});

describe('createDesktopFeed', () => {
  function setup(visible = false, focused = false) {
    const notices: DesktopNotice[] = [];
    const states: TrayState[] = [];
    const view = { visible, focused };
    const feed = createDesktopFeed({
      language: 'zh-CN',
      isWindowVisible: () => view.visible,
      isWindowFocused: () => view.focused,
      notify: (n) => notices.push(n),
      onChange: (s) => states.push(s),
      rememberKeys: 2,
    });
    return { feed, notices, states, view };
  }

  it('takes phones and queue from status events', () => {
    const { feed, states } = setup();
    feed.handle({
      name: 'status:changed',
      payload: { phonesReady: 2, phonesTotal: 3, queueLength: 5, apiListening: true, apiUrl: null },
    });
    expect(feed.state()).toMatchObject({ phonesReady: 2, phonesTotal: 3, queueLength: 5 });
    expect(states).toHaveLength(1);
  });

  it('counts rush reminders the cashier has not seen, and clears them when the window is focused', () => {
    const { feed, view } = setup();
    feed.handle(rush('A1', 'e1'));
    feed.handle(rush('A1', 'e2'));
    expect(feed.state().unreadRush).toBe(2);
    view.focused = true;
    feed.handle(rush('A1', 'e3'));
    expect(feed.state().unreadRush).toBe(2);
    feed.markRead();
    expect(feed.state().unreadRush).toBe(0);
  });

  it('notifies each fact once, and forgets the oldest beyond its memory', () => {
    const { feed, notices } = setup();
    feed.handle(paid('P1', 'unknown'));
    feed.handle(paid('P1', 'unknown'));
    expect(notices.map((n) => n.key)).toEqual(['unknown:P1']);
    feed.handle(rush('A1', 'e1'));
    feed.handle(rush('A1', 'e2'));
    feed.handle(paid('P1', 'unknown'));
    expect(notices.map((n) => n.key)).toEqual(['unknown:P1', 'rush:e1', 'rush:e2', 'unknown:P1']);
  });

  it('stays quiet while the window is visible, and follows the language setting', () => {
    const { feed, notices, view } = setup(true, true);
    feed.handle(rush('A1', 'e1'));
    expect(notices).toHaveLength(0);
    feed.handle({ name: 'settings:changed', payload: { language: 'en' } });
    expect(feed.language()).toBe('en');
    view.visible = false;
    feed.handle(rush('A1', 'e2'));
    expect(notices[0].title).toBe('A customer is waiting');
  });

  it('keeps the mute end for the tray', () => {
    const { feed, states } = setup();
    feed.setMutedUntil(123);
    expect(feed.state().mutedUntil).toBe(123);
    expect(states.at(-1)?.mutedUntil).toBe(123);
  });
});
