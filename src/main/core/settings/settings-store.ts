import type { SettingsRepository } from '../storage/settings-repository';
import type { Clock } from '../util/clock';
import { systemClock } from '../util/clock';
import type { TypedEmitter } from '../util/typed-emitter';
import { createTypedEmitter } from '../util/typed-emitter';
import type { Settings, SettingsPatch } from './settings-schema';
import { DEFAULT_SETTINGS, settingsSchema } from './settings-schema';

export class InvalidSettingsError extends Error {
  readonly code = 'INVALID_SETTINGS';
  constructor(readonly issues: { path: string; message: string }[]) {
    super(
      `Settings not saved: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}. ` +
        'Correct these values and save again.',
    );
    this.name = 'InvalidSettingsError';
  }
}

export interface SettingsEvents extends Record<string, unknown> {
  changed: Settings;
}

export interface SettingsStore extends TypedEmitter<SettingsEvents> {
  /** The current, validated settings. Cheap: kept in memory. */
  get(): Settings;
  /** Validates the merged result, persists the changed keys, then emits `changed`. */
  update(patch: SettingsPatch): Settings;
}

export interface SettingsStoreOptions {
  repository: SettingsRepository;
  clock?: Clock;
  /** Applied over the stored values without being persisted (command-line flags). */
  overrides?: SettingsPatch;
}

/** Settings persisted in SQLite, validated on the way in and on the way out. */
export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const clock = options.clock ?? systemClock;
  const emitter = createTypedEmitter<SettingsEvents>();
  const stored = options.repository.all();
  const base: Record<string, unknown> = {};
  const shape = settingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof Settings)[]) {
    if (!stored.has(key)) continue;
    // One bad stored value (a hand edit, an older station) falls back to its default alone.
    const one = shape[key].safeParse(stored.get(key));
    if (one.success) base[key] = one.data;
  }
  let current = validate({ ...DEFAULT_SETTINGS, ...base, ...options.overrides });

  function validate(candidate: unknown): Settings {
    const r = settingsSchema.safeParse(candidate);
    if (!r.success) {
      throw new InvalidSettingsError(
        r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      );
    }
    return r.data;
  }

  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    get: () => current,
    update(patch) {
      const next = validate({ ...current, ...patch });
      const changed: Record<string, unknown> = {};
      for (const key of Object.keys(patch) as (keyof Settings)[]) {
        if (key in shape) changed[key] = next[key];
      }
      options.repository.put(changed, clock.now());
      current = next;
      emitter.emit('changed', current);
      return current;
    },
  };
}
