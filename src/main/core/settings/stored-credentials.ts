import type { SettingsRepository } from '../storage/settings-repository';
import type { Clock } from '../util/clock';

/** The row of the settings table that holds the API key and secret. */
export const CREDENTIALS_ROW = 'credentials';

/** The key the backend names itself with and the secret it signs with. */
export interface ApiCredentialPair {
  key: string;
  secret: string;
}

/** Where a generated pair persists (`CredentialsStore` of http/api-credentials, structurally). */
export interface CredentialsStore {
  get(): ApiCredentialPair | null;
  set(credentials: ApiCredentialPair): void;
}

/**
 * The credentials the API checks requests against (`createCredentialsProvider` of
 * http/api-credentials, structurally): the stored pair, or the one the environment pins.
 */
export interface CredentialsSource {
  current(): ApiCredentialPair;
  /** `env` when STATION_API_KEY / STATION_API_SECRET are set; settings cannot change them then. */
  readonly source: 'env' | 'store';
  /** Issues a new pair; throws a coded error when the environment pins them. */
  regenerate(): ApiCredentialPair;
}

/**
 * The stored pair, in its own row next to the settings. Anything but two strings reads as no
 * pair; the provider then judges what it got (a damaged pair is replaced, not used).
 */
export function createStoredCredentials(repository: SettingsRepository, clock: Clock): CredentialsStore {
  return {
    get() {
      const v = repository.all().get(CREDENTIALS_ROW) as { key?: unknown; secret?: unknown } | undefined;
      return v && typeof v.key === 'string' && typeof v.secret === 'string'
        ? { key: v.key, secret: v.secret }
        : null;
    },
    set: (c) => repository.put({ [CREDENTIALS_ROW]: { key: c.key, secret: c.secret } }, clock.now()),
  };
}
