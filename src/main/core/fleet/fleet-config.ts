import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FleetSettings } from '../../../shared/settings/fleet-settings';

/** Fleet mode as this run uses it: the settings with the flags and the environment applied. */
export interface FleetConfig {
  redisUrl: string;
  stationId: string;
  storeId: string;
  prefix: string;
  secret: string;
  paymentTtlSec: number;
}

export class FleetConfigError extends Error {
  readonly code = 'FLEET_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'FleetConfigError';
  }
}

/** The file in the data folder that keeps a generated station id. */
export const STATION_ID_FILE = 'fleet-station-id';

/** The generated station id of this data folder, made once and kept. */
export function persistedStationId(dataDir: string): string {
  const file = path.join(dataDir, STATION_ID_FILE);
  try {
    const kept = fs.readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_.-]{1,64}$/.test(kept)) return kept;
  } catch {
    // Not made yet.
  }
  const id = `st-${randomBytes(4).toString('hex')}`;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${id}\n`);
  return id;
}

/**
 * Null when fleet mode is off (no Redis URL). Refuses to start without a fleet secret: an
 * unsigned fleet would take payments from anybody who can reach its Redis.
 */
export function resolveFleetConfig(
  settings: FleetSettings,
  env: NodeJS.ProcessEnv,
  dataDir: string,
): FleetConfig | null {
  if (settings.redisUrl === '') return null;
  const secret = env.STATION_FLEET_SECRET ?? settings.secret;
  if (secret.length < 16) {
    throw new FleetConfigError(
      secret === ''
        ? 'Fleet mode needs the fleet secret that every station and the backend share: set STATION_FLEET_SECRET, or Settings → Fleet → secret.'
        : 'The fleet secret is too short: use at least 16 characters.',
    );
  }
  return {
    redisUrl: settings.redisUrl,
    stationId: settings.stationId !== '' ? settings.stationId : persistedStationId(dataDir),
    storeId: settings.storeId,
    prefix: settings.prefix,
    secret,
    paymentTtlSec: settings.paymentTtlDays * 86_400,
  };
}
