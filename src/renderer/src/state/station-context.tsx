import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { StationClient } from '../api/client';
import type { StationBridge } from '../../../shared/contract/bridge-types';
import type { StationState, StationStore } from './station-store';

interface StationContextValue {
  client: StationClient;
  store: StationStore;
}

const StationContext = createContext<StationContextValue | null>(null);

export function StationProvider(props: { client: StationClient; store: StationStore; children: ReactNode }) {
  return (
    <StationContext.Provider value={{ client: props.client, store: props.store }}>
      {props.children}
    </StationContext.Provider>
  );
}

function useStationContext(): StationContextValue {
  const value = useContext(StationContext);
  if (!value) throw new Error('StationProvider is missing above this component.');
  return value;
}

/** The bridge, for commands. */
export function useStation(): StationBridge {
  return useStationContext().client.bridge;
}

export function useStationStore(): StationStore {
  return useStationContext().store;
}

export function useStationState(): StationState {
  const store = useStationContext().store;
  return useSyncExternalStore(store.subscribe, store.getState);
}
