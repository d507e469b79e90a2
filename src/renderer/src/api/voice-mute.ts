import type { StationBridge } from '../../../shared/contract/bridge-types';

/** What the mute glue needs from the announcer; `createAnnouncer(...)` fits as is. */
export interface MutableAnnouncer {
  muteFor(durationMs: number): void;
  unmute(): void;
}

/**
 * Obeys `voice:mute` from the desktop shell (tray → mute 30 min): the shell owns when the mute
 * ends, so the announcer is muted for what is left of it, or unmuted when it is null.
 * Returns the function that disconnects.
 */
export function connectVoiceMute(
  bridge: Pick<StationBridge, 'on'>,
  announcer: MutableAnnouncer,
  now: () => number = Date.now,
): () => void {
  return bridge.on('voice:mute', ({ mutedUntil }) => {
    if (mutedUntil === null) announcer.unmute();
    else announcer.muteFor(Math.max(0, mutedUntil - now()));
  });
}
