import { render, screen } from '@testing-library/react';
import type { ViewName, VoiceSlot } from '../../src/renderer/src/App';
import { App } from '../../src/renderer/src/App';
import type { StationClient } from '../../src/renderer/src/api/client';
import type { ExtraTexts } from '../../src/renderer/src/i18n/create-i18n';
import { createI18n } from '../../src/renderer/src/i18n/create-i18n';
import type { Language } from '../../src/shared/settings/language';
import type { FakeStation } from '../support/fake-station';
import { createFakeStation } from '../support/fake-station';
import { seedBusyShop } from '../support/fake-station-seed';

export interface RenderOptions {
  view?: ViewName;
  language?: Language;
  seed?: boolean;
  extraTexts?: ExtraTexts;
  onVoiceTest?: () => void;
  voice?: VoiceSlot;
  prepare?: (fake: FakeStation) => void;
}

/** The real App over a fake station, loaded and ready. */
export async function renderStation(options: RenderOptions = {}) {
  const now = Date.now();
  const fake = createFakeStation(now);
  if (options.seed !== false) seedBusyShop(fake, now);
  fake.settings = { ...fake.settings, language: options.language ?? 'zh-CN' };
  options.prepare?.(fake);
  const client: StationClient = {
    bridge: fake,
    transport: 'electron',
    onConnectionChange: () => () => {},
    isConnected: () => true,
  };
  const i18n = createI18n(options.language ?? 'zh-CN', options.extraTexts);
  const result = render(
    <App
      client={client}
      i18n={i18n}
      initialView={options.view ?? 'orders'}
      onVoiceTest={options.onVoiceTest}
      voice={options.voice}
      storeOptions={{ schedule: (flush) => flush() }}
    />,
  );
  await screen.findByRole('contentinfo', {}, { timeout: 2000 });
  await screen.findByText((_, el) => el?.classList.contains('view-head') ?? false);
  return { fake, i18n, now, ...result };
}
