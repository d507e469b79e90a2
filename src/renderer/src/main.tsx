import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEVICE_TEXTS } from '../../shared/i18n/device-texts';
import { createAnnouncer, createSystemVoiceClock, TEST_AMOUNT_FEN } from '../../shared/voice';
import type { AnnouncerLogEntry } from '../../shared/voice/announcer-types';
import { App } from './App';
import { connectAnnouncer } from './api/announce-events';
import { createStationClient, NoStationError } from './api/client';
import { connectVoiceMute } from './api/voice-mute';
import { createI18n } from './i18n/create-i18n';
import { createHowlerPlayer } from './voice/howler-player';
import { loadVoiceAssets } from './voice/voice-assets';
import './styles.css';

declare global {
  interface Window {
    /** Read-only view of the announcer for diagnostics and the end-to-end tests. */
    stationVoice?: {
      getLog(): readonly AnnouncerLogEntry[];
      getState(): { speaking: { text: string } | null };
      loadState(): 'unloaded' | 'loading' | 'loaded';
    };
  }
}

const root = createRoot(document.getElementById('root')!);
const i18n = createI18n('zh-CN', DEVICE_TEXTS);
try {
  const client = createStationClient(window);
  const player = createHowlerPlayer(loadVoiceAssets());
  const announcer = createAnnouncer({ player, clock: createSystemVoiceClock() });
  window.stationVoice = {
    getLog: () => announcer.getLog(),
    getState: () => announcer.getState(),
    loadState: () => player.loadState(),
  };
  // Voice settings are applied as soon as they are read, and again whenever they change.
  client.bridge.invoke('settings:get', {}).then(
    (settings) => connectAnnouncer(client.bridge, announcer, settings),
    () => connectAnnouncer(client.bridge, announcer),
  );
  // The tray's "mute 30 min" (desktop only).
  connectVoiceMute(client.bridge, announcer);
  let tests = 0;
  root.render(
    <StrictMode>
      <App
        client={client}
        i18n={i18n}
        voice={announcer}
        onVoiceTest={() =>
          announcer.announce({
            kind: 'test',
            eventId: `test-${Date.now()}-${++tests}`,
            amountFen: TEST_AMOUNT_FEN,
          })
        }
      />
    </StrictMode>,
  );
} catch (err) {
  // Without a bridge there is nothing to show but how to get one.
  const text = err instanceof NoStationError ? i18n.t('app.noStation') : String(err);
  root.render(<p className="fatal">{text}</p>);
}
