import { z } from 'zod';

/** Signed callbacks to the backend. The window's form does not show them. */
export const callbackSettingsSchema = z.object({
  /**
   * Delivery attempts for one callback before it is left as failed (it can still be resent by hand).
   * @default 8
   */
  maxAttempts: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(50, 'must be at most 50')
    .default(8),
});
export type CallbackSettings = z.infer<typeof callbackSettingsSchema>;
