import type { SettingsView } from '../../../shared/contract/settings-schemas';
import type { SettingsPatch } from '../../../shared/settings/settings-patch';
import {
  applySettingsPatch,
  patchedSections,
  settingsPatchSchema,
} from '../../../shared/settings/settings-patch';
import type { StationSettings } from '../../../shared/settings/station-settings';
import type { SettingsRepository } from '../storage/settings-repository';
import type { Clock } from '../util/clock';
import { systemClock } from '../util/clock';
import type { TypedEmitter } from '../util/typed-emitter';
import { createTypedEmitter } from '../util/typed-emitter';
import { checkSettings, issuesOf } from './settings-check';
import type { SettingsIssue } from './settings-errors';
import { InvalidSettingsError, InvalidSettingsOverridesError } from './settings-errors';
import { readStoredSettings } from './stored-settings';
import type { CredentialsSource, CredentialsStore } from './stored-credentials';
import { createStoredCredentials } from './stored-credentials';

export interface SettingsServiceEvents extends Record<string, unknown> {
  /** After every saved change and every new API key: the new view. */
  changed: SettingsView;
}

export interface SettingsService extends TypedEmitter<SettingsServiceEvents> {
  /**
   * Every setting, validated, with the overrides applied, plus the API key (never the secret).
   * Cheap: kept in memory, the same object until something changes, so the engine can read it
   * for every payment.
   */
  get(): SettingsView;
  /**
   * Validates the result of the patch, saves the sections it touches, then emits `changed`.
   * Refused values throw {@link InvalidSettingsError} with their field paths, and nothing is saved.
   */
  update(patch: SettingsPatch): SettingsView;
  revealSecret(): string;
  /** The fleet secret as saved in Settings ('' when none); STATION_FLEET_SECRET overrides it. */
  fleetSecret(): string;
  /** Throws a coded error (`CREDENTIALS_CONFIG`) when the environment pins the credentials. */
  regenerateCredentials(): { apiKey: string; secret: string };
  /** The credentials for the API's signature check and the callbacks' signatures. */
  readonly credentials: CredentialsSource;
}

export interface SettingsServiceOptions {
  /** The settings table: one row per section, plus the credentials row. */
  repository: SettingsRepository;
  /**
   * Builds the credentials over their stored row; in the station, `createCredentialsProvider`,
   * which lets STATION_API_KEY / STATION_API_SECRET pin them.
   */
  credentials: (store: CredentialsStore) => CredentialsSource;
  /** @default systemClock */
  clock?: Clock;
  /**
   * Applied over the stored values for this run without being saved (command-line flags). A
   * field the cashier then changes takes the cashier's value. @default none
   */
  overrides?: SettingsPatch;
}

function refuse(issues: SettingsIssue[], asOverrides: boolean): never {
  throw asOverrides ? new InvalidSettingsOverridesError(issues) : new InvalidSettingsError(issues);
}

function parsePatch(patch: unknown, asOverrides: boolean): SettingsPatch {
  const p = settingsPatchSchema.safeParse(patch);
  if (!p.success) refuse(issuesOf(p.error.issues), asOverrides);
  return p.data;
}

/** `settings` with `patch` applied and checked; throws with every refused field. */
function applied(settings: StationSettings, patch: SettingsPatch, asOverrides: boolean): StationSettings {
  const r = checkSettings(applySettingsPatch(settings, patch));
  if (!r.ok) refuse(r.issues, asOverrides);
  return r.settings;
}

/**
 * The one owner of the station's settings: engine, phone app, API, voice, language, desktop and
 * the API credentials. Reads the settings table once, validates with the shared schemas, saves
 * each change, and tells every reader (the window, the shell) through `changed`.
 */
export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const clock = options.clock ?? systemClock;
  const emitter = createTypedEmitter<SettingsServiceEvents>();
  // Kept apart so that a change saves the stored values, never the overrides.
  let stored = readStoredSettings(options.repository.all());
  let current = options.overrides ? applied(stored, parsePatch(options.overrides, true), true) : stored;
  const provider = options.credentials(createStoredCredentials(options.repository, clock));

  let view: SettingsView | null = null;
  const get = (): SettingsView => {
    if (view) return view;
    // The fleet secret stays here: only the core reads it (`fleetSecret`), never the window.
    const { secret: _secret, ...fleet } = current.fleet;
    view = { ...current, fleet, apiKey: provider.current().key, credentialsSource: provider.source };
    return view;
  };
  const changed = (): SettingsView => {
    view = null;
    const next = get();
    emitter.emit('changed', next);
    return next;
  };

  const credentials: CredentialsSource = {
    current: () => provider.current(),
    source: provider.source,
    regenerate() {
      const pair = provider.regenerate();
      changed();
      return pair;
    },
  };

  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    get,
    update(patch) {
      const p = parsePatch(patch, false);
      const nextCurrent = applied(current, p, false);
      const nextStored = applied(stored, p, false);
      const rows: Record<string, unknown> = {};
      for (const section of patchedSections(p)) rows[section] = nextStored[section];
      options.repository.put(rows, clock.now());
      stored = nextStored;
      current = nextCurrent;
      return changed();
    },
    revealSecret: () => provider.current().secret,
    fleetSecret: () => current.fleet.secret,
    regenerateCredentials() {
      const pair = credentials.regenerate();
      return { apiKey: pair.key, secret: pair.secret };
    },
    credentials,
  };
}
