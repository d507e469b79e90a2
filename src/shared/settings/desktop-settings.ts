import { z } from 'zod';

/** An http(s) address with a host, or '' for "none"; the message says what is accepted. */
function optionalHttpUrl(what: string) {
  return z
    .string({ error: 'must be text' })
    .trim()
    .max(2000, 'must be at most 2000 characters')
    .refine((v) => v === '' || isHttpUrl(v), `must be empty (${what}) or an http:// or https:// address`)
    .default('');
}

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

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
  /**
   * The folder holding `latest.yml` and the installers (electron-updater's `generic` provider);
   * empty: the address the build was published with (electron-builder.yml `publish`). Read at
   * each start of the desktop app.
   * @default ''
   */
  updateUrl: optionalHttpUrl('the build’s update address'),
  /**
   * Where crash reports are POSTed (a Crashpad/minidump server); empty: reports stay in the
   * data folder and nothing leaves the PC. Read at each start of the desktop app.
   * @default ''
   */
  crashUploadUrl: optionalHttpUrl('reports stay on this PC'),
});
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;
