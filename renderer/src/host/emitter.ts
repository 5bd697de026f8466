/** A tiny typed event emitter: `on` returns the unsubscribe function. */
export interface Emitter<Events> {
  on<E extends keyof Events>(event: E, handler: (payload: Events[E]) => void): () => void;
  emit<E extends keyof Events>(event: E, payload: Events[E]): void;
}

export function createEmitter<Events>(): Emitter<Events> {
  const handlers = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(event, handler) {
      const set = handlers.get(event) ?? new Set();
      set.add(handler as (payload: never) => void);
      handlers.set(event, set);
      return () => { set.delete(handler as (payload: never) => void); };
    },
    emit(event, payload) {
      for (const handler of handlers.get(event) ?? []) (handler as (p: typeof payload) => void)(payload);
    },
  };
}
