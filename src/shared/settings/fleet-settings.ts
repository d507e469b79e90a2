import { z } from 'zod';

/**
 * Fleet mode (docs/FLEET.md): several stations share one Redis. Off while `redisUrl` is empty.
 * The command line (`--fleet`, `--station-id`, `--store-id`, `--fleet-prefix`) overrides these,
 * and `STATION_FLEET_SECRET` in the environment overrides `secret`. A change applies at the next
 * start of the station.
 */
export const fleetSettingsSchema = z.object({
  /**
   * `redis://[user:pass@]host:port[/db]`, or `rediss://` for TLS; empty: fleet mode off.
   * @default ''
   */
  redisUrl: z
    .string({ error: 'must be text' })
    .trim()
    .refine((v) => v === '' || /^rediss?:\/\/[^\s]+$/.test(v), 'must be redis://host:port or rediss://…')
    .default(''),
  /**
   * This station's id in the fleet; empty: a generated one, kept in the data folder.
   * @default ''
   */
  stationId: z
    .string({ error: 'must be text' })
    .trim()
    .refine((v) => v === '' || /^[A-Za-z0-9_.-]{1,64}$/.test(v), 'must be 1–64 of A–Z a–z 0–9 _ . -')
    .default(''),
  /**
   * The store whose order stream this station's window shows.
   * @default 'default'
   */
  storeId: z
    .string({ error: 'must be text' })
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 of A–Z a–z 0–9 _ . -')
    .default('default'),
  /**
   * Put in front of every Redis key of the fleet.
   * @default 'cs:'
   */
  prefix: z
    .string({ error: 'must be text' })
    .regex(/^[A-Za-z0-9_.:{}-]{0,32}$/, 'must be at most 32 of A–Z a–z 0–9 _ . : { } -')
    .default('cs:'),
  /**
   * The secret every station and the backend share, for the signatures of the streams' entries.
   * Never shown back to the window.
   * @default ''
   */
  secret: z.string({ error: 'must be text' }).max(256, 'must be at most 256 characters').default(''),
  /**
   * How long `<prefix>payment:<orderNo>` keeps a payment's latest state, in days.
   * @default 7
   */
  paymentTtlDays: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1 day')
    .max(365, 'must be at most 365 days')
    .default(7),
});
export type FleetSettings = z.infer<typeof fleetSettingsSchema>;
