import { randomBytes } from 'node:crypto';

/** The key the backend names itself with and the secret it signs with. */
export interface ApiCredentials {
  key: string;
  secret: string;
}

/** Where generated credentials persist (the settings table, in the app). */
export interface CredentialsStore {
  get(): ApiCredentials | null;
  set(credentials: ApiCredentials): void;
}

export interface CredentialsProvider {
  /** The credentials requests are checked against now. */
  current(): ApiCredentials;
  /** `env` when STATION_API_KEY / STATION_API_SECRET are set; settings cannot change them then. */
  readonly source: 'env' | 'store';
  /** Issues a new pair (Settings → "regenerate"). Refused when the environment pins them. */
  regenerate(): ApiCredentials;
}

export interface CredentialsProviderOptions {
  store: CredentialsStore;
  /** @default process.env */
  env?: Record<string, string | undefined>;
  /** @default crypto.randomBytes */
  random?: (size: number) => Buffer;
}

export class CredentialsConfigError extends Error {
  readonly code = 'CREDENTIALS_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsConfigError';
  }
}

/** Keys are printable so they can be read off the settings screen and pasted into a backend. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
const MIN_SECRET_LENGTH = 16;

/**
 * Resolves the API credentials once at start: the environment wins (for servers and CI), else
 * the stored pair, else a fresh pair is generated and stored so it survives restarts.
 */
export function createCredentialsProvider(options: CredentialsProviderOptions): CredentialsProvider {
  const env = options.env ?? process.env;
  const random = options.random ?? randomBytes;
  const envKey = env.STATION_API_KEY;
  const envSecret = env.STATION_API_SECRET;

  const generate = (): ApiCredentials => ({
    key: `cs_${random(12).toString('base64url')}`,
    secret: random(32).toString('hex'),
  });

  if (envKey !== undefined || envSecret !== undefined) {
    if (!envKey || !envSecret) {
      throw new CredentialsConfigError('Set both STATION_API_KEY and STATION_API_SECRET, or neither.');
    }
    if (!KEY_PATTERN.test(envKey)) {
      throw new CredentialsConfigError(
        'STATION_API_KEY must be 8-128 characters of A-Z, a-z, 0-9, "_" and "-".',
      );
    }
    if (envSecret.length < MIN_SECRET_LENGTH) {
      throw new CredentialsConfigError(
        `STATION_API_SECRET must be at least ${MIN_SECRET_LENGTH} characters.`,
      );
    }
    const pinned = { key: envKey, secret: envSecret };
    return {
      current: () => pinned,
      source: 'env',
      regenerate() {
        throw new CredentialsConfigError(
          'The API credentials come from STATION_API_KEY / STATION_API_SECRET; change them there.',
        );
      },
    };
  }

  const stored = options.store.get();
  // A damaged or truncated stored pair is replaced rather than used half-working.
  const usable = stored !== null && KEY_PATTERN.test(stored.key) && stored.secret.length >= MIN_SECRET_LENGTH;
  let credentials: ApiCredentials = usable ? stored : generate();
  if (!usable) options.store.set(credentials);
  return {
    current: () => credentials,
    source: 'store',
    regenerate() {
      const next = generate();
      options.store.set(next);
      credentials = next;
      return next;
    },
  };
}
