import { z } from 'zod';

/** What only the desktop shell has: how the window and the OS session behave. */
export const desktopSettingsSchema = z.object({
  /**
   * Start the station when the user logs in (an installed app only).
   * @default false
   */
  startWithSystem: z.boolean({ error: 'must be on or off' }).default(false),
  /**
   * Closing the window hides it to the tray instead of quitting, so that a click on the wrong
   * corner does not stop the payments.
   * @default true
   */
  closeToTray: z.boolean({ error: 'must be on or off' }).default(true),
});
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;
