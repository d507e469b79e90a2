import { createCredentialsProvider } from '../../src/main/core/http/api-credentials';
import type { SettingsServiceOptions } from '../../src/main/core/settings/settings-service';
import type { SettingsRepository } from '../../src/main/core/storage/settings-repository';

/** The settings table in memory, as the repository sees it (JSON round trip included). */
export function memorySettingsTable(
  initial: Record<string, unknown> = {},
): SettingsRepository & { rows: Map<string, unknown>; puts: number[] } {
  const rows = new Map<string, unknown>(Object.entries(initial));
  const puts: number[] = [];
  return {
    rows,
    puts,
    all: () => new Map([...rows].map(([k, v]) => [k, structuredClone(v)])),
    put(values, at) {
      for (const [k, v] of Object.entries(values)) rows.set(k, JSON.parse(JSON.stringify(v)));
      puts.push(at);
    },
  };
}

/** The station's own credentials provider, with the environment given (none pins by default). */
export function credentialsFrom(env: Record<string, string> = {}): SettingsServiceOptions['credentials'] {
  let n = 0;
  // Predictable pairs: each generated key and secret differ from the last.
  const random = (size: number) => Buffer.alloc(size, ++n);
  return (store) => createCredentialsProvider({ store, env, random });
}

export const PINNED_ENV = {
  STATION_API_KEY: 'cs_env_key_0001',
  STATION_API_SECRET: 'env-secret-0123456789abcdef',
};
