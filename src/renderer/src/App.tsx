import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { StationClient } from './api/client';
import { LanguageSwitch } from './components/LanguageSwitch';
import { NowSpeaking } from './components/NowSpeaking';
import { StatusBar } from './components/StatusBar';
import { UpdateBanner } from './components/UpdateBanner';
import { StationProvider, useStationState } from './state/station-context';
import type { StationStoreOptions } from './state/station-store';
import { createStationStore } from './state/station-store';
import { DevicesView } from './views/devices/DevicesView';
import { FleetView } from './views/fleet/FleetView';
import { HistoryView } from './views/history/HistoryView';
import { OrdersBoard } from './views/orders/OrdersBoard';
import { PaymentsView } from './views/payments/PaymentsView';
import { SettingsView } from './views/settings/SettingsView';

export const VIEWS = ['orders', 'payments', 'devices', 'history', 'fleet', 'settings'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface AppProps {
  client: StationClient;
  i18n: I18n;
  /** @default 'orders' */
  initialView?: ViewName;
  /** How the store batches updates (tests make it synchronous). */
  storeOptions?: StationStoreOptions;
  /** The voice slot: the announcer (its store half), for the "now speaking" indicator. */
  voice?: VoiceSlot;
  /** The voice slot: plays a test announcement (Settings → Voice → Test). */
  onVoiceTest?: () => void;
}

/**
 * What the window reads from the announcer (`createAnnouncer` in src/shared/voice fits as is):
 * an external store whose state says what is being spoken.
 */
export interface VoiceSlot {
  subscribe(listener: () => void): () => void;
  getState(): { speaking: { text: string } | null };
}

// getState must return the same object while nothing changes (useSyncExternalStore).
const SILENT = { speaking: null };
const NO_VOICE: VoiceSlot = { subscribe: () => () => {}, getState: () => SILENT };

function useSpeaking(voice: VoiceSlot | undefined): string | null {
  const slot = voice ?? NO_VOICE;
  // Select the text itself: the announcer changes state for every queued item, and the window
  // must re-render only when what is being said changes.
  return useSyncExternalStore(slot.subscribe, () => slot.getState().speaking?.text ?? null);
}

export function App(props: AppProps) {
  const [store] = useState(() => createStationStore(props.client, props.storeOptions));
  useEffect(() => store.start(), [store]);
  return (
    <I18nextProvider i18n={props.i18n}>
      <StationProvider client={props.client} store={store}>
        <Shell {...props} />
      </StationProvider>
    </I18nextProvider>
  );
}

function Shell(props: AppProps) {
  const { t, i18n } = useTranslation();
  const state = useStationState();
  const [view, setView] = useState<ViewName>(props.initialView ?? 'orders');
  const speaking = useSpeaking(props.voice);
  const language = state.settings?.language;
  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);

  const counts: Record<ViewName, number> = {
    orders: [...state.orders.values()].filter((o) => o.status === 'new' || o.rushCount > 0).length,
    payments: [...state.payments.values()].filter((p) => p.status === 'unknown').length,
    devices: [...state.devices.values()].filter((d) => d.state !== 'ready' && d.state !== 'busy').length,
    history: 0,
    fleet: 0,
    settings: 0,
  };

  let body: ReactNode;
  if (state.loadError && !state.loaded) {
    body = (
      <div className="alert alert-bad" role="alert">
        {t('app.loadFailed', { message: state.loadError })}
      </div>
    );
  } else if (!state.loaded) {
    body = <p className="empty empty-large">{t('app.connecting')}</p>;
  } else {
    body = {
      orders: <OrdersBoard />,
      payments: <PaymentsView />,
      devices: <DevicesView />,
      history: <HistoryView />,
      fleet: <FleetView onOpenSettings={() => setView('settings')} />,
      settings: <SettingsView onVoiceTest={props.onVoiceTest} />,
    }[view];
  }

  return (
    <div className="app">
      <nav className="sidebar" aria-label={t('nav.label')}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ¥
          </span>
          <span className="brand-name">{t('app.title')}</span>
        </div>
        <ul className="nav-list">
          {VIEWS.map((v) => (
            <li key={v}>
              <button
                type="button"
                className={`nav-item ${view === v ? 'is-active' : ''}`}
                aria-current={view === v ? 'page' : undefined}
                onClick={() => setView(v)}
              >
                <span>{t(`nav.${v}`)}</span>
                {counts[v] > 0 && <span className={`nav-count nav-count-${v}`}>{counts[v]}</span>}
              </button>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <NowSpeaking text={speaking} />
          <LanguageSwitch />
        </div>
      </nav>
      <main className="main">
        <UpdateBanner />
        {body}
      </main>
      <StatusBar />
    </div>
  );
}
