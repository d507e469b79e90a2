import { describe, expect, it } from 'vitest';
import {
  CredentialsConfigError,
  createCredentialsProvider,
} from '../../../../../src/main/core/http/api-credentials';
import type { ApiCredentials, CredentialsStore } from '../../../../../src/main/core/http/api-credentials';

function memoryStore(initial: ApiCredentials | null = null): CredentialsStore & { saved: ApiCredentials[] } {
  let value = initial;
  const saved: ApiCredentials[] = [];
  return {
    saved,
    get: () => value,
    set(c) {
      value = c;
      saved.push(c);
    },
  };
}

describe('API credentials', () => {
  it('generates a pair at first start and persists it', () => {
    const store = memoryStore();
    const first = createCredentialsProvider({ store, env: {} });
    expect(first.source).toBe('store');
    expect(first.current().key).toMatch(/^cs_[A-Za-z0-9_-]{16}$/);
    expect(first.current().secret).toMatch(/^[0-9a-f]{64}$/);
    expect(store.saved).toHaveLength(1);
    // Next start: the same pair, nothing rewritten.
    const second = createCredentialsProvider({ store, env: {} });
    expect(second.current()).toEqual(first.current());
    expect(store.saved).toHaveLength(1);
  });

  it('replaces a damaged stored pair', () => {
    const store = memoryStore({ key: 'x', secret: 'short' });
    const provider = createCredentialsProvider({ store, env: {} });
    expect(provider.current().key).not.toBe('x');
    expect(store.saved).toHaveLength(1);
  });

  it('regenerates on request and persists the new pair', () => {
    const store = memoryStore();
    const provider = createCredentialsProvider({ store, env: {} });
    const before = provider.current();
    const after = provider.regenerate();
    expect(after.secret).not.toBe(before.secret);
    expect(provider.current()).toEqual(after);
    expect(store.get()).toEqual(after);
  });

  it('uses STATION_API_KEY / STATION_API_SECRET instead, without touching the store', () => {
    const store = memoryStore({ key: 'cs_storedkey', secret: 'stored-secret-0123456789' });
    const provider = createCredentialsProvider({
      store,
      env: { STATION_API_KEY: 'backend_key_1', STATION_API_SECRET: 'env-secret-0123456789' },
    });
    expect(provider.source).toBe('env');
    expect(provider.current()).toEqual({ key: 'backend_key_1', secret: 'env-secret-0123456789' });
    expect(() => provider.regenerate()).toThrow(CredentialsConfigError);
    expect(store.saved).toHaveLength(0);
  });

  it.each([
    [{ STATION_API_KEY: 'backend_key_1' }],
    [{ STATION_API_SECRET: 'env-secret-0123456789' }],
    [{ STATION_API_KEY: 'bad key!', STATION_API_SECRET: 'env-secret-0123456789' }],
    [{ STATION_API_KEY: 'backend_key_1', STATION_API_SECRET: 'short' }],
  ])('refuses an incomplete or weak environment %j', (env) => {
    expect(() => createCredentialsProvider({ store: memoryStore(), env })).toThrow(CredentialsConfigError);
  });
});
