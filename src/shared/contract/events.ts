import { z } from 'zod';
import {
  adbStatusRecordSchema,
  deviceRecordSchema,
  orderRecordSchema,
  paymentRecordSchema,
  stationStatusSchema,
} from './record-schemas';
import type { EventName } from './names';
import { EVENT_NAME_LIST, isEventName } from './names';
import { settingsViewSchema } from './settings-schemas';
import { printerStatusSchema } from './print-schemas';
import { updateStateSchema } from './update-schemas';

/** Everything the core tells the window without being asked: event name → payload schema. */
export const EVENTS = {
  /** A type 1 event. `eventId` lets the announcer drop duplicates. */
  'order:new': z.object({ order: orderRecordSchema, eventId: z.string() }),
  /** A type 2 event: the customer is asking again. */
  'order:rush': z.object({ order: orderRecordSchema, eventId: z.string() }),
  'order:updated': orderRecordSchema,
  'payment:updated': paymentRecordSchema,
  'device:changed': deviceRecordSchema,
  'device:removed': z.object({ serial: z.string() }),
  'adb:status': adbStatusRecordSchema,
  'status:changed': stationStatusSchema,
  'settings:changed': settingsViewSchema,
  /**
   * The desktop shell (tray → mute 30 min) asks the window's announcer to be quiet until
   * `mutedUntil` (epoch ms), or to speak again when it is null.
   */
  'voice:mute': z.object({ mutedUntil: z.number().int().nullable() }),
  /** The desktop shell's update changed phase, progress or what it waits for. */
  'updates:changed': updateStateSchema,
  /**
   * Printing started failing: once per outage (not once per ticket), again only after a ticket
   * printed and printing failed once more. The window says "打印机未连接".
   */
  'printer:trouble': printerStatusSchema,
} as const satisfies Record<EventName, z.ZodType>;

const _noExtraEvents: Record<keyof typeof EVENTS, true> = Object.fromEntries(
  EVENT_NAME_LIST.map((n) => [n, true]),
) as Record<EventName, true>;
void _noExtraEvents;

export type { EventName };
export { isEventName };
export const EVENT_NAMES: readonly EventName[] = EVENT_NAME_LIST;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;
