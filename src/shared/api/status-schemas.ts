import { z } from 'zod';
import {
  deviceReasonSchema,
  deviceStateSchema,
  healthCheckNameSchema,
  healthStatusSchema,
} from '../domain/device-state';
import { CARE_RESULTS, careActionSchema } from '../domain/care';
import { isoTimeSchema } from './common-schemas';

export const deviceSchema = z.object({
  serial: z.string(),
  state: deviceStateSchema.meta({ description: 'What the phone is; docs/API.md lists each state.' }),
  reason: deviceReasonSchema.nullable(),
  model: z.string().nullable(),
  brand: z.string().nullable(),
  androidVersion: z.string().nullable(),
  rom: z.string().nullable().meta({ description: 'Vendor ROM and version from getprop, e.g. `MIUI V125`.' }),
  localPort: z.number().int().nullable(),
  health: z.array(
    z.object({
      name: healthCheckNameSchema,
      status: healthStatusSchema,
      detail: z.string().optional(),
      checkedAt: isoTimeSchema,
    }),
  ),
  busyWith: z.string().nullable().meta({ description: 'The orderNo the phone is paying, if any.' }),
  care: z
    .object({
      recent: z.array(
        z.object({
          action: careActionSchema,
          result: z.enum(CARE_RESULTS),
          why: z.string(),
          detail: z.string(),
          at: isoTimeSchema,
        }),
      ),
      revivalsToday: z.number().int(),
      stopped: z
        .object({ action: careActionSchema, code: z.string(), since: isoTimeSchema })
        .nullable()
        .meta({
          description: 'An action the station stopped trying, and why (APP_KEEPS_DYING, SECURE_LOCK…).',
        }),
      retryAt: isoTimeSchema.nullable(),
    })
    .meta({
      description: 'What the station did on its own to keep the phone payable (phone care), newest first.',
    }),
  firstSeenAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
});
export type DeviceDto = z.infer<typeof deviceSchema>;

export const adbStatusSchema = z.object({
  kind: z.enum(['starting', 'connected', 'missing', 'reconnecting', 'conflict']),
  detail: z.string().optional(),
});

export const devicesResponseSchema = z.object({ devices: z.array(deviceSchema), adb: adbStatusSchema });

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  time: isoTimeSchema,
  uptimeSec: z.number().int(),
  adb: adbStatusSchema,
  devices: z.object({ total: z.number().int(), ready: z.number().int(), busy: z.number().int() }),
  longPollWaiters: z.number().int(),
  extra: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
