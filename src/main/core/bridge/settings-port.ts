import type { z } from 'zod';
import type {
  EditableSettings,
  SettingsPatch,
  SettingsView,
  notificationRulesSchema,
} from '../../../shared/contract/settings-schemas';
import {
  apiSettingsSchema,
  languageSchema,
  phoneAppSettingsSchema,
  voiceSettingsSchema,
} from '../../../shared/contract/settings-schemas';
import { DEFAULT_PHONE_APP } from '../devices/device-manager-options';
import type { Clock } from '../util/clock';
import type { TypedEmitter } from '../util/typed-emitter';
import { createTypedEmitter } from '../util/typed-emitter';
import type { SettingsPort, SettingsPortEvents } from './bridge-core';

/** The engine's settings as this adapter uses them (the engine's `Settings` has these and more). */
export interface EngineSettingsShape {
  resultTimeoutMs: number;
  groupId: number;
  settleMs: number;
  secondRestart: boolean;
  minResultMs: number;
  notificationRules: z.infer<typeof notificationRulesSchema>;
}

/** The engine's settings store (`createSettingsStore`), structurally. */
export interface EngineSettingsSource extends TypedEmitter<{ changed: EngineSettingsShape }> {
  get(): EngineSettingsShape;
  update(patch: Partial<EngineSettingsShape>): EngineSettingsShape;
}

/** The API credentials provider (`createCredentialsProvider`), structurally. */
export interface CredentialsSource {
  current(): { key: string; secret: string };
  readonly source: 'env' | 'store';
  regenerate(): { key: string; secret: string };
}

/** The settings table (`storage.settings`), structurally: key → JSON value. */
export interface KeyValueStore {
  all(): Map<string, unknown>;
  put(values: Record<string, unknown>, at: number): void;
}

/** The settings only the window and the shells read; kept under one key of the settings table. */
type StationOnly = Pick<EditableSettings, 'api' | 'phoneApp' | 'voice' | 'language'> & {
  defaultExpirySec: number;
};

export const STATION_SETTINGS_KEY = 'station.window';

export const DEFAULT_STATION_SETTINGS: StationOnly = {
  api: { httpPort: 17800 },
  phoneApp: { ...DEFAULT_PHONE_APP },
  defaultExpirySec: 120,
  voice: {
    enabled: true,
    volume: 0.8,
    repeatIntervalSec: 60,
    quietHours: { enabled: false, start: '22:00', end: '08:00', allowPaymentTrouble: true },
    speakAmounts: true,
    announce: { newOrder: true, rush: true, paymentSucceeded: true, paymentTrouble: true, devices: true },
  },
  language: 'zh-CN',
};

export class InvalidStationSettingsError extends Error {
  readonly code = 'INVALID_SETTINGS';
  constructor(readonly issues: { path: string; message: string }[]) {
    super(
      `Settings not saved: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}. Correct them and save again.`,
    );
    this.name = 'InvalidStationSettingsError';
  }
}

export interface SettingsPortOptions {
  engine: EngineSettingsSource;
  credentials: CredentialsSource;
  store: KeyValueStore;
  clock: Clock;
  /** What the shell started with (command line, createCore options), used until changed. */
  defaults?: Partial<StationOnly>;
}

const SECTION_SCHEMAS = {
  api: apiSettingsSchema,
  phoneApp: phoneAppSettingsSchema,
  voice: voiceSettingsSchema,
  language: languageSchema,
} as const;

/**
 * Settings for the window over the engine's settings store, the credentials provider and the
 * settings table. Engine fields go through the engine's own validation; the rest is validated
 * with the contract's schemas and kept under {@link STATION_SETTINGS_KEY}. A bad stored
 * section falls back to its default alone, as the engine does per key.
 */
export function createSettingsPort(options: SettingsPortOptions): SettingsPort & { station(): StationOnly } {
  const emitter = createTypedEmitter<SettingsPortEvents>();
  const base = { ...DEFAULT_STATION_SETTINGS, ...options.defaults };
  const stored = (options.store.all().get(STATION_SETTINGS_KEY) ?? {}) as Record<string, unknown>;
  const station: StationOnly = { ...base };
  for (const key of Object.keys(SECTION_SCHEMAS) as (keyof typeof SECTION_SCHEMAS)[]) {
    const r = SECTION_SCHEMAS[key].safeParse(stored[key]);
    if (r.success) (station as Record<string, unknown>)[key] = r.data;
  }
  if (typeof stored.defaultExpirySec === 'number') station.defaultExpirySec = stored.defaultExpirySec;

  const view = (): SettingsView => {
    const e = options.engine.get();
    return {
      apiKey: options.credentials.current().key,
      credentialsSource: options.credentials.source,
      api: station.api,
      phoneApp: station.phoneApp,
      payments: {
        groupId: e.groupId,
        resultTimeoutMs: e.resultTimeoutMs,
        settleMs: e.settleMs,
        secondRestart: e.secondRestart,
        minResultMs: e.minResultMs,
        defaultExpirySec: station.defaultExpirySec,
      },
      notificationRules: e.notificationRules,
      voice: station.voice,
      language: station.language,
    };
  };

  options.engine.on('changed', () => emitter.emit('changed', view()));

  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    get: view,
    station: () => station,
    update(patch: SettingsPatch) {
      const next: StationOnly = {
        ...station,
        ...(patch.api ? { api: { ...station.api, ...patch.api } } : {}),
        ...(patch.phoneApp ? { phoneApp: { ...station.phoneApp, ...patch.phoneApp } } : {}),
        ...(patch.voice ? { voice: { ...station.voice, ...patch.voice } } : {}),
        ...(patch.language ? { language: patch.language } : {}),
        ...(patch.payments?.defaultExpirySec !== undefined
          ? { defaultExpirySec: patch.payments.defaultExpirySec }
          : {}),
      };
      const issues: { path: string; message: string }[] = [];
      for (const key of Object.keys(SECTION_SCHEMAS) as (keyof typeof SECTION_SCHEMAS)[]) {
        const r = SECTION_SCHEMAS[key].safeParse(next[key]);
        if (!r.success)
          for (const i of r.error.issues)
            issues.push({ path: [key, ...i.path].join('.'), message: i.message });
      }
      if (issues.length > 0) throw new InvalidStationSettingsError(issues);

      const { defaultExpirySec: _expiry, ...enginePayments } = patch.payments ?? {};
      const enginePatch: Partial<EngineSettingsShape> = {
        ...enginePayments,
        ...(patch.notificationRules
          ? { notificationRules: { ...options.engine.get().notificationRules, ...patch.notificationRules } }
          : {}),
      };
      // The station part is applied first so that the engine's own `changed` event (which this
      // port forwards) already carries it; an engine refusal puts it back.
      const previous = { ...station };
      Object.assign(station, next);
      if (Object.keys(enginePatch).length > 0) {
        try {
          options.engine.update(enginePatch);
        } catch (err) {
          Object.assign(station, previous);
          // The engine names its own keys; the window knows them under their section.
          const list = (err as { issues?: { path: string; message: string }[] }).issues;
          if (!Array.isArray(list)) throw err;
          throw new InvalidStationSettingsError(
            list.map((i) => ({
              path: i.path.startsWith('notificationRules') ? i.path : `payments.${i.path}`,
              message: i.message,
            })),
          );
        }
      }
      options.store.put({ [STATION_SETTINGS_KEY]: station }, options.clock.now());
      const current = view();
      if (Object.keys(enginePatch).length === 0) emitter.emit('changed', current);
      return current;
    },
    revealSecret: () => options.credentials.current().secret,
    regenerateCredentials() {
      const c = options.credentials.regenerate();
      emitter.emit('changed', view());
      return { apiKey: c.key, secret: c.secret };
    },
  };
}
