import { describe, expect, it } from 'vitest';
import type { EngineSettingsShape } from '../../../../../src/main/core/bridge/settings-port';
import { createSettingsPort, STATION_SETTINGS_KEY } from '../../../../../src/main/core/bridge/settings-port';
import { createManualClock } from '../../../../../src/main/core/util/clock';
import { createTypedEmitter } from '../../../../../src/main/core/util/typed-emitter';
import { settingsViewSchema } from '../../../../../src/shared/contract/settings-schemas';
import type { SettingsView } from '../../../../../src/shared/contract/settings-schemas';

/** An engine settings store with the engine's behaviour: validates, then emits. */
function engine() {
  const emitter = createTypedEmitter<{ changed: EngineSettingsShape }>();
  let current: EngineSettingsShape = {
    resultTimeoutMs: 90_000,
    groupId: 1,
    settleMs: 60_000,
    secondRestart: true,
    minResultMs: 1500,
    notificationRules: {
      successKeywords: ['支付成功'],
      failureKeywords: ['失败'],
      amountPatterns: ['(\\d+)元'],
    },
  };
  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    get: () => current,
    update(patch: Partial<EngineSettingsShape>) {
      if (patch.resultTimeoutMs !== undefined && patch.resultTimeoutMs > 600_000) {
        throw Object.assign(new Error('bad'), {
          code: 'INVALID_SETTINGS',
          issues: [{ path: 'resultTimeoutMs', message: 'Too big' }],
        });
      }
      current = { ...current, ...patch };
      emitter.emit('changed', current);
      return current;
    },
  };
}

function kv(initial: Record<string, unknown> = {}) {
  const map = new Map<string, unknown>(Object.entries(initial));
  return {
    map,
    all: () => new Map(map),
    put: (v: Record<string, unknown>) =>
      Object.entries(v).forEach(([k, x]) => map.set(k, structuredClone(x))),
  };
}

function credentials(source: 'env' | 'store' = 'store') {
  let c = { key: 'cs_key00000001', secret: 'secret-one-0123456789' };
  return {
    source,
    current: () => c,
    regenerate: () => {
      if (source === 'env') throw Object.assign(new Error('pinned'), { code: 'CREDENTIALS_CONFIG' });
      c = { key: 'cs_key00000002', secret: 'secret-two-0123456789' };
      return c;
    },
  };
}

describe('createSettingsPort', () => {
  const clock = createManualClock(1000);

  it('gives a full view that the contract accepts, without the secret', () => {
    const port = createSettingsPort({ engine: engine(), credentials: credentials(), store: kv(), clock });
    const view = port.get();
    expect(settingsViewSchema.parse(view)).toEqual(view);
    expect(JSON.stringify(view)).not.toContain('secret-one');
    expect(port.revealSecret()).toBe('secret-one-0123456789');
  });

  it('saves station sections in the settings table and engine fields in the engine, emitting once', () => {
    const store = kv();
    const eng = engine();
    const port = createSettingsPort({ engine: eng, credentials: credentials(), store, clock });
    const seen: SettingsView[] = [];
    port.on('changed', (v) => seen.push(v));
    port.update({
      voice: { volume: 0.4 },
      payments: { settleMs: 30_000, defaultExpirySec: 300 },
      language: 'en',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      language: 'en',
      voice: { volume: 0.4 },
      payments: { settleMs: 30_000, defaultExpirySec: 300 },
    });
    expect(eng.get().settleMs).toBe(30_000);
    const reopened = createSettingsPort({ engine: eng, credentials: credentials(), store, clock });
    expect(reopened.get()).toMatchObject({
      language: 'en',
      voice: { volume: 0.4 },
      payments: { defaultExpirySec: 300 },
    });
  });

  it('refuses invalid values by field and keeps the old ones', () => {
    const store = kv();
    const port = createSettingsPort({ engine: engine(), credentials: credentials(), store, clock });
    expect(() => port.update({ api: { httpPort: 80 } })).toThrow(
      expect.objectContaining({
        code: 'INVALID_SETTINGS',
        issues: [{ path: 'api.httpPort', message: 'must be from 1024 to 65535' }],
      }),
    );
    expect(() => port.update({ language: 'en', payments: { resultTimeoutMs: 900_000 } })).toThrow(
      expect.objectContaining({ issues: [{ path: 'payments.resultTimeoutMs', message: 'Too big' }] }),
    );
    expect(port.get().language).toBe('zh-CN');
    expect(store.map.has(STATION_SETTINGS_KEY)).toBe(false);
  });

  it('falls back per section when a stored section is damaged, and regenerates credentials', () => {
    const store = kv({ [STATION_SETTINGS_KEY]: { api: { httpPort: 'x' }, language: 'en' } });
    const port = createSettingsPort({
      engine: engine(),
      credentials: credentials(),
      store,
      clock,
      defaults: { api: { httpPort: 18000 } },
    });
    expect(port.get().api.httpPort).toBe(18000);
    expect(port.get().language).toBe('en');
    expect(port.regenerateCredentials()).toEqual({
      apiKey: 'cs_key00000002',
      secret: 'secret-two-0123456789',
    });
    expect(port.get().apiKey).toBe('cs_key00000002');
    const pinned = createSettingsPort({ engine: engine(), credentials: credentials('env'), store, clock });
    expect(() => pinned.regenerateCredentials()).toThrow(
      expect.objectContaining({ code: 'CREDENTIALS_CONFIG' }),
    );
  });
});
