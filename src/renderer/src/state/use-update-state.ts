import { useCallback, useEffect, useState } from 'react';
import type { UpdateState } from '../../../shared/contract/update-schemas';
import { useStation } from './station-context';

export interface UpdateStatus {
  /** Null until the station answered `updates:get`. */
  state: UpdateState | null;
  /** "Install now": the station answers with the new state (it still waits for idle). */
  installNow(): Promise<void>;
}

/**
 * Where the desktop update stands: read once, then kept current by `updates:changed`. The event
 * is subscribed before the read, so a change during it is not lost; the read's answer does not
 * overwrite an event that came after it.
 */
export function useUpdateState(): UpdateStatus {
  const station = useStation();
  const [state, setState] = useState<UpdateState | null>(null);
  useEffect(() => {
    let live = true;
    let heard = false;
    const off = station.on('updates:changed', (next) => {
      heard = true;
      setState(next);
    });
    station.invoke('updates:get', {}).then(
      (first) => {
        if (live && !heard) setState(first);
      },
      // A station without the command (an older one) has no updates to show.
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [station]);
  const installNow = useCallback(async () => {
    setState(await station.invoke('updates:installNow', {}));
  }, [station]);
  return { state, installNow };
}
