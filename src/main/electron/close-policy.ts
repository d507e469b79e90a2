/**
 * What closing the window does. While the station is quitting (tray → quit, the OS logging
 * out) the window really closes; otherwise, with "close to tray" on, it only hides, because the
 * station must keep serving phones and the backend with the window out of the way.
 */
export function decideClose(state: { quitting: boolean; closeToTray: boolean }): 'hide' | 'close' {
  return !state.quitting && state.closeToTray ? 'hide' : 'close';
}

/**
 * What a renderer crash does: reload, unless it keeps crashing (then the page itself is
 * broken and reloading in a loop would only burn the CPU; the log says why).
 * @param recentCrashes crashes within `windowMs` before this one
 */
export function decideCrash(
  reason: string,
  recentCrashes: number,
  limit = 3,
): 'reload' | 'give-up' | 'ignore' {
  // A clean exit is the window closing, not a crash.
  if (reason === 'clean-exit') return 'ignore';
  return recentCrashes < limit ? 'reload' : 'give-up';
}
