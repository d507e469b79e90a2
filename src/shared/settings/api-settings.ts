import { z } from 'zod';

/** The backend's local HTTP API. */
export const apiSettingsSchema = z.object({
  /**
   * The port the backend's API listens on. Above 1023, so that the station needs no
   * administrator rights.
   * @default 17800
   */
  httpPort: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1024, 'must be from 1024 to 65535')
    .max(65535, 'must be from 1024 to 65535')
    .default(17800),
});
export type ApiSettings = z.infer<typeof apiSettingsSchema>;
