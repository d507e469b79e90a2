import { z } from 'zod';
import { MAX_AMOUNT_FEN } from './money';

/**
 * The fields a payment is created with, and their limits: the one definition, used by the HTTP
 * API's body schema, the engine's own guard and the fleet. Messages name the field, because the
 * API returns them to the backend developer as they are.
 */

const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** 1–64 of `[A-Za-z0-9_-]`; no Unicode look-alikes, no invisible marks. */
export const orderNoSchema = z
  .string({ error: 'orderNo must be a string' })
  .min(1, 'orderNo must not be empty')
  .max(64, 'orderNo is at most 64 characters')
  .regex(ID_PATTERN, 'orderNo may only contain A-Z, a-z, 0-9, "_" and "-"')
  .meta({ description: 'The backend order number, 1-64 characters of [A-Za-z0-9_-].' });

/** Deduplication key of an order event. Same alphabet as orderNo. */
export const eventIdSchema = z
  .string({ error: 'eventId must be a string' })
  .min(1, 'eventId must not be empty')
  .max(64, 'eventId is at most 64 characters')
  .regex(ID_PATTERN, 'eventId may only contain A-Z, a-z, 0-9, "_" and "-"');

/** What the phone app opens in Alipay: the merchant's QR code content. */
export const qrCodeSchema = z
  .string({ error: 'qrCode must be a string' })
  .min(1, 'qrCode must not be empty')
  .max(2048, 'qrCode is at most 2048 characters');

/** Serials as adb prints them: `emulator-5554`, `R58M12ABC`, `127.0.0.1:5555`. */
export const deviceSerialSchema = z
  .string({ error: 'deviceSerial must be a string' })
  .min(1, 'deviceSerial must not be empty')
  .max(64, 'deviceSerial is at most 64 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'deviceSerial may only contain A-Z, a-z, 0-9, ".", "_", ":" and "-"');

function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export const callbackUrlSchema = z
  .string({ error: 'callbackUrl must be a string' })
  .max(2048, 'callbackUrl is at most 2048 characters')
  .refine(isHttpUrl, 'callbackUrl must be an absolute http or https URL')
  .meta({ format: 'uri', description: 'Where payment.updated callbacks are POSTed (http or https).' });

/** How long a payment may wait in the queue, in seconds: the request's limits and the default. */
export const EXPIRES_IN_SEC = { min: 10, max: 3600 } as const;

/** How long a payment may wait in the queue when the request does not say (a setting's default). */
export const DEFAULT_EXPIRES_IN_SEC = 120;

export const expiresInSecSchema = z
  .number({ error: 'expiresInSec must be a number' })
  .int('expiresInSec must be an integer')
  .min(EXPIRES_IN_SEC.min, `expiresInSec must be at least ${EXPIRES_IN_SEC.min}`)
  .max(EXPIRES_IN_SEC.max, `expiresInSec must be at most ${EXPIRES_IN_SEC.max}`)
  .meta({ description: `Seconds the payment may wait in the queue. Default ${DEFAULT_EXPIRES_IN_SEC}.` });

/** A payment's amount inside the station: integer fen, 1 to 9,999,999.99 yuan. */
export const amountFenSchema = z
  .number({ error: 'amountFen must be a number' })
  .int('amountFen must be an integer')
  .min(1, 'amountFen must be at least 1')
  .max(MAX_AMOUNT_FEN, `amountFen is at most ${MAX_AMOUNT_FEN}`);

/** A create request as the engine takes it (the API's body with the amount already in fen). */
export const paymentInputSchema = z.strictObject({
  orderNo: orderNoSchema,
  amountFen: amountFenSchema,
  qrCode: qrCodeSchema,
  deviceSerial: deviceSerialSchema.optional(),
  callbackUrl: callbackUrlSchema.optional(),
  expiresInSec: expiresInSecSchema.optional(),
});
export type PaymentInput = z.infer<typeof paymentInputSchema>;
