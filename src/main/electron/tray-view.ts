import type { Language } from '../../shared/settings/language';
import { badgeText } from './tray-icon';

/** What the tray shows, gathered from the station's events. */
export interface TrayState {
  phonesReady: number;
  phonesTotal: number;
  /** Payments waiting for a phone. */
  queueLength: number;
  /** Rush reminders since the cashier last looked at the window. */
  unreadRush: number;
  /** Epoch ms the voice mute ends, or null. */
  mutedUntil: number | null;
}

export const INITIAL_TRAY_STATE: TrayState = {
  phonesReady: 0,
  phonesTotal: 0,
  queueLength: 0,
  unreadRush: 0,
  mutedUntil: null,
};

/** `attention`: rush reminders wait; `idle`: no phone can take a payment; `ok` otherwise. */
export type TrayIconKind = 'ok' | 'idle' | 'attention';

export interface TrayView {
  icon: TrayIconKind;
  /** The count drawn on the icon: unread rush reminders when there are some, else phones ready. */
  badge: string;
  tooltip: string;
  /** Short text beside the icon where the OS shows one (macOS menu bar). */
  title: string;
  menu: {
    show: string;
    mute: string;
    muted: boolean;
    startWithSystem: string;
    closeToTray: string;
    quit: string;
  };
}

const TEXTS = {
  'zh-CN': {
    app: '收银站',
    phones: (r: number, t: number) => `手机 ${r}/${t} 就绪`,
    queue: (n: number) => `排队 ${n} 笔`,
    rush: (n: number) => `催单 ${n} 条未读`,
    mutedUntil: (hhmm: string) => `静音至 ${hhmm}`,
    show: '显示窗口',
    mute: '静音 30 分钟',
    unmute: '取消静音',
    startWithSystem: '开机启动',
    closeToTray: '关闭窗口时最小化到托盘',
    quit: '退出收银站',
  },
  en: {
    app: 'Cashier Station',
    phones: (r: number, t: number) => `${r}/${t} phones ready`,
    queue: (n: number) => `${n} queued`,
    rush: (n: number) => `${n} unread rush`,
    mutedUntil: (hhmm: string) => `muted until ${hhmm}`,
    show: 'Show window',
    mute: 'Mute for 30 min',
    unmute: 'Unmute',
    startWithSystem: 'Start with the system',
    closeToTray: 'Closing the window keeps the station in the tray',
    quit: 'Quit Cashier Station',
  },
} as const;

function hhmm(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The tray's icon, tooltip and menu labels for a state. Pure, so each case is a unit test. */
export function trayView(state: TrayState, now: number, language: Language): TrayView {
  const t = TEXTS[language];
  const muted = state.mutedUntil !== null && state.mutedUntil > now;
  const parts = [t.phones(state.phonesReady, state.phonesTotal), t.queue(state.queueLength)];
  if (state.unreadRush > 0) parts.push(t.rush(state.unreadRush));
  if (muted) parts.push(t.mutedUntil(hhmm(state.mutedUntil as number)));
  const icon: TrayIconKind = state.unreadRush > 0 ? 'attention' : state.phonesReady === 0 ? 'idle' : 'ok';
  return {
    icon,
    badge: badgeText(icon === 'attention' ? state.unreadRush : state.phonesReady),
    tooltip: `${t.app} · ${parts.join(' · ')}`,
    title: state.unreadRush > 0 ? `${state.phonesReady}·${state.queueLength}·!${state.unreadRush}` : '',
    menu: {
      show: t.show,
      mute: muted ? t.unmute : t.mute,
      muted,
      startWithSystem: t.startWithSystem,
      closeToTray: t.closeToTray,
      quit: t.quit,
    },
  };
}
