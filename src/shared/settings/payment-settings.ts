import { z } from 'zod';
import { DEFAULT_EXPIRES_IN_SEC, EXPIRES_IN_SEC } from '../domain/payment-input';

/** How a payment reaches a phone; see the `dispatchVia` setting. */
export const DISPATCH_VIA = ['transport', 'forward'] as const;
export type DispatchVia = (typeof DISPATCH_VIA)[number];

/**
 * How the engine hands payments to phones and judges their answers. Times are milliseconds, as
 * the engine counts them; the form shows seconds where a person thinks in seconds.
 */
export const paymentSettingsSchema = z.object({
  /**
   * The `groupId` of the pay command the phone app receives.
   * @default 1
   */
  groupId: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(2_147_483_647, 'must be at most 2147483647')
    .default(1),
  /**
   * How each payment reaches its phone.
   * - `transport`: opened through the adb server's transport, which answers only once the phone
   *   app accepted the connection, so a phone whose app is down never gets a payment marked
   *   `unknown`.
   * - `forward`: through the phone's `adb forward` port with a 100 ms pause before writing; a
   *   refusal slower than that is taken for a payment that may have been sent. For setups that
   *   reach the phone only through a forward (a phone behind another machine's forward).
   * @default 'transport'
   */
  dispatchVia: z.enum(DISPATCH_VIA, { error: 'must be transport or forward' }).default('transport'),
  /**
   * How long to wait for the phone's answer after the command was written. Past it the payment
   * is `unknown` and the phone is treated as wedged. At least a second: a real payment (Alipay
   * opening the QR code, the customer's bill) never answers sooner, so a shorter wait would only
   * wedge healthy phones.
   * @default 90000
   */
  resultTimeoutMs: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1_000, 'must be at least 1 s')
    .max(600_000, 'must be at most 600 s')
    .default(90_000),
  /**
   * How long a wedged phone stays out of rotation after its app was restarted, so that a late
   * notification lands while nobody is waiting and is dropped by the second restart.
   * @default 60000
   */
  settleMs: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(3_600_000, 'must be at most 3600 s')
    .default(60_000),
  /**
   * Restart the phone app once more at the end of the settle period.
   * @default true
   */
  secondRestart: z.boolean({ error: 'must be on or off' }).default(true),
  /**
   * A result sooner than this after the command was written is not plausible for a real payment:
   * the payment becomes `unknown` with `result_too_fast`. 0 turns the check off.
   * @default 1500
   */
  minResultMs: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(60_000, 'must be at most 60000 ms')
    .default(1_500),
  /**
   * Expiry of a payment whose request did not say; a queued payment older than this is `expired`.
   * @default 120
   */
  defaultExpirySec: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(EXPIRES_IN_SEC.min, `must be at least ${EXPIRES_IN_SEC.min} s`)
    .max(EXPIRES_IN_SEC.max, `must be at most ${EXPIRES_IN_SEC.max} s`)
    .default(DEFAULT_EXPIRES_IN_SEC),
});
export type PaymentSettings = z.infer<typeof paymentSettingsSchema>;
