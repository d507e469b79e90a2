import type { DemoTimings } from './demo-args';

export interface FleetWatchListInput {
  timings: DemoTimings;
  redisPort: number;
  prefix: string;
  storeId: string;
  secret: string;
  credentials: { key: string; secret: string };
  stations: { id: string; apiUrl: string; uiUrl: string | null; phones: number }[];
}

/** What to look at in the fleet demo, printed once every phone of both stations is ready. */
export function fleetWatchList(input: FleetWatchListInput): string[] {
  const { prefix, storeId, timings } = input;
  const ids = input.stations.map((s) => s.id).join(' and ');
  const pace = `${timings.answerMs[0] / 1000}-${timings.answerMs[1] / 1000} s`;
  const first = input.stations[0];
  return [
    'What to watch for (fleet mode, docs/FLEET.md)',
    `  ${ids} share one Redis (127.0.0.1:${input.redisPort}, keys under "${prefix}"); each has its own adb server`,
    `  and phones. The backend (fleet lines here) never calls a station over HTTP: it adds signed entries to`,
    `  ${prefix}store:${storeId}:orders and ${prefix}payments, and reads the stations' signed results on ${prefix}results.`,
    `  1. Orders: both windows show and announce every order and reminder (each station reads the store's`,
    '     stream with its own group).',
    `  2. Payments: whichever station has a free ready phone takes each one; a phone "pays" in ${pace}.`,
    '     "fleet ← … → station …" says which station paid it and whether its signature verified.',
    '  3. Rush hour: several payments at once are shared out, a station reading only as many as it has free',
    '     phones. No payment is PAYed by two stations: the summary counts what the phone apps received.',
    ...input.stations.map(
      (s) =>
        `  ${s.id}: API ${s.apiUrl}, ${s.phones} phones${s.uiUrl ? `, window ${s.uiUrl} (Fleet view: every station)` : ''}`,
    ),
    `  Fleet status from a station: STATION_URL=${first.apiUrl} STATION_API_KEY=${input.credentials.key} \\`,
    `    STATION_API_SECRET=${input.credentials.secret} node examples/sign-request.mjs GET /api/v1/fleet`,
    `  The streams: redis-cli -p ${input.redisPort} XRANGE ${prefix}results - +`,
    `  Add a payment yourself: REDIS_URL=redis://127.0.0.1:${input.redisPort} FLEET_PREFIX=${prefix} \\`,
    `    STATION_FLEET_SECRET=${input.secret} node examples/fleet-backend.mjs pay A1001 12.50`,
  ];
}
