import type { EventMessage } from '../../shared/contract/bridge-types';
import type { StationStatus } from '../../shared/contract/record-schemas';
import type { SettingsView } from '../../shared/contract/settings-schemas';
import type { Language } from '../../shared/settings/language';
import type { DesktopNotice } from './notification-policy';
import { noticeFor } from './notification-policy';
import type { TrayState } from './tray-view';
import { INITIAL_TRAY_STATE } from './tray-view';

export interface DesktopFeedOptions {
  /** Shown and not minimized: the cashier can see the board. */
  isWindowVisible: () => boolean;
  /** The window has the keyboard: a rush seen there is read. */
  isWindowFocused: () => boolean;
  notify: (notice: DesktopNotice) => void;
  /** Called after every change of the tray state. */
  onChange: (state: TrayState) => void;
  language: Language;
  /**
   * Notification keys remembered, so one fact is not notified twice (a reconnect replays it).
   * @default 500
   */
  rememberKeys?: number;
}

export interface DesktopFeed {
  /** Give it every contract event (a second sink of `subscribeBridgeEvents`). */
  handle(message: EventMessage): void;
  /** The cashier looked at the window: rush reminders are read. */
  markRead(): void;
  setMutedUntil(at: number | null): void;
  state(): TrayState;
  language(): Language;
}

/**
 * The desktop's view of the station: tray state (phones, queue, unread rush, mute) and the OS
 * notifications, fed with the same contract events the window gets. No Electron here, so the
 * rules are tested directly.
 */
export function createDesktopFeed(options: DesktopFeedOptions): DesktopFeed {
  let state: TrayState = { ...INITIAL_TRAY_STATE };
  let language = options.language;
  const notified = new Set<string>();
  const remember = options.rememberKeys ?? 500;

  const set = (patch: Partial<TrayState>): void => {
    state = { ...state, ...patch };
    options.onChange(state);
  };

  return {
    handle(message) {
      if (message.name === 'status:changed') {
        const s = message.payload as StationStatus;
        set({ phonesReady: s.phonesReady, phonesTotal: s.phonesTotal, queueLength: s.queueLength });
      } else if (message.name === 'settings:changed') {
        language = (message.payload as SettingsView).language;
        options.onChange(state);
      } else if (message.name === 'order:rush' && !options.isWindowFocused()) {
        set({ unreadRush: state.unreadRush + 1 });
      }
      const notice = noticeFor(message, { windowVisible: options.isWindowVisible(), language });
      if (notice && !notified.has(notice.key)) {
        // A Set iterates in insertion order: dropping the first keys forgets the oldest facts.
        if (notified.size >= remember) notified.delete(notified.values().next().value as string);
        notified.add(notice.key);
        options.notify(notice);
      }
    },
    markRead() {
      if (state.unreadRush !== 0) set({ unreadRush: 0 });
    },
    setMutedUntil(at) {
      set({ mutedUntil: at });
    },
    state: () => state,
    language: () => language,
  };
}
