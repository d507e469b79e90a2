import { z } from 'zod';

/** One station of a fleet, as its status key `<prefix>station:<id>` holds it (refreshed every 5 s, TTL 15 s). */
export const fleetStationSchema = z.object({
  stationId: z.string(),
  storeId: z.string(),
  version: z.string(),
  phones: z.array(z.object({ serial: z.string(), state: z.string() })),
  ready: z.number().int().min(0),
  free: z.number().int().min(0),
  queued: z.number().int().min(0),
  /** Age of the oldest payment entry not yet read by any station, ms; null when none waits. */
  redisLagMs: z.number().nullable(),
  /** When the station wrote this, epoch ms (its clock). */
  at: z.number(),
});
export type FleetStation = z.infer<typeof fleetStationSchema>;

/** A payment claimed by a station whose status key is gone: never taken over, shown for a person. */
export const orphanedClaimSchema = z.object({
  orderNo: z.string(),
  stationId: z.string(),
  /** Its last published status (`<prefix>payment:<orderNo>`), null if it never published one. */
  status: z.string().nullable(),
});
export type OrphanedClaim = z.infer<typeof orphanedClaimSchema>;

/** What the window's Fleet view and `GET /api/v1/fleet` show. */
export const fleetViewSchema = z.object({
  enabled: z.boolean(),
  stationId: z.string().nullable(),
  storeId: z.string().nullable(),
  /** `connected`, `connecting` (or reconnecting), `off`. */
  redis: z.enum(['off', 'connecting', 'connected']),
  /** Set when Redis could lose the backlog on a crash (appendonly off, or fsync everysec/no). */
  durabilityWarning: z.string().nullable(),
  stations: z.array(fleetStationSchema),
  orphanedClaims: z.array(orphanedClaimSchema),
  /** Results waiting in the local outbox for Redis. */
  outboxPending: z.number().int().min(0),
});
export type FleetView = z.infer<typeof fleetViewSchema>;

export const FLEET_OFF: FleetView = {
  enabled: false,
  stationId: null,
  storeId: null,
  redis: 'off',
  durabilityWarning: null,
  stations: [],
  orphanedClaims: [],
  outboxPending: 0,
};
