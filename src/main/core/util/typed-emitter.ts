/** A minimal typed event emitter: listeners get exactly the payload type of their event. */
export interface TypedEmitter<Events extends Record<string, unknown>> {
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void;
  off<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): void;
}

export interface TypedEmitterSource<Events extends Record<string, unknown>> extends TypedEmitter<Events> {
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
  listenerCount(event: keyof Events): number;
}

export function createTypedEmitter<Events extends Record<string, unknown>>(): TypedEmitterSource<Events> {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => this.off(event, listener);
    },
    off(event, listener) {
      listeners.get(event)?.delete(listener as (payload: never) => void);
    },
    emit(event, payload) {
      const set = listeners.get(event);
      if (!set) return;
      // A throwing listener must not starve the others nor the emitter (the device tracker).
      for (const l of [...set]) {
        try {
          (l as (p: typeof payload) => void)(payload);
        } catch (err) {
          queueMicrotask(() => {
            throw err;
          });
        }
      }
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
}
