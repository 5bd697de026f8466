/**
 * The one small interface every engine transport implements (Node
 * `worker_threads` here; an Electron utility process or a browser Worker
 * implement the same), and a request/reply client over it.
 */
import type { EngineEvent, EngineMessage, EngineReply, RequestType } from './protocol';

/** How the engine's process or thread ended. */
export interface EngineExit {
  /** Exit code (1 after `terminate()` or an uncaught error). */
  code: number;
  /** False when the host asked for it with `close()`; true for a crash or an outside kill. */
  crashed: boolean;
  /** The uncaught error's message, when there was one. */
  error?: string;
}

/** A channel to an engine, whatever it runs in. */
export interface EngineTransport {
  /** Sends a request (structured-cloneable data). */
  post(message: unknown): void;
  /** Calls `handler` for each reply and event; returns an unsubscribe function. */
  onMessage(handler: (message: EngineMessage) => void): () => void;
  /** Calls `handler` once when the engine ends, whether asked to or not. */
  onExit(handler: (exit: EngineExit) => void): () => void;
  /** Ends the engine; resolves when it has exited. */
  close(): Promise<void>;
}

/** Requests as a client writes them: the id is added by the client. */
export type ClientRequest = { type: RequestType } & Record<string, unknown>;

/** Request/reply pairing over a transport, plus an event subscription. */
export interface EngineClient {
  /** Sends a request with a fresh id; resolves with its reply (rejects if the engine exits first). */
  request(request: ClientRequest): Promise<EngineReply>;
  onEvent(handler: (event: EngineEvent) => void): () => void;
}

/** Wraps a transport in an `EngineClient`. */
export function createEngineClient(transport: EngineTransport): EngineClient {
  let nextId = 1;
  const pending = new Map<number, { resolve(r: EngineReply): void; reject(e: Error): void }>();
  const listeners = new Set<(event: EngineEvent) => void>();
  transport.onMessage((message) => {
    if (message.type === 'reply') {
      const p = pending.get(message.id);
      pending.delete(message.id);
      p?.resolve(message);
    } else {
      for (const l of listeners) l(message);
    }
  });
  transport.onExit((exit) => {
    const error = new Error(`The engine exited (code ${exit.code}${exit.error ? `: ${exit.error}` : ""}) before replying.`);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  });
  return {
    request(request) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        transport.post({ ...request, id });
      });
    },
    onEvent(handler) {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
  };
}

/**
 * The subscriber bookkeeping every transport shares: message handlers, and an
 * exit reported once — to the handlers subscribed then, and at once to any
 * that subscribe later.
 */
export interface TransportSubscribers {
  onMessage: EngineTransport['onMessage'];
  onExit: EngineTransport['onExit'];
  emitMessage(message: EngineMessage): void;
  /** Reports the exit; later calls are ignored. Returns whether this call reported it. */
  emitExit(exit: EngineExit): boolean;
  /** The reported exit, or null while the engine runs. */
  readonly exited: EngineExit | null;
}

export function createTransportSubscribers(): TransportSubscribers {
  const messageHandlers = new Set<(message: EngineMessage) => void>();
  const exitHandlers = new Set<(exit: EngineExit) => void>();
  let exited: EngineExit | null = null;
  return {
    get exited() { return exited; },
    onMessage(handler) {
      messageHandlers.add(handler);
      return () => { messageHandlers.delete(handler); };
    },
    onExit(handler) {
      if (exited) {
        handler(exited);
        return () => undefined;
      }
      exitHandlers.add(handler);
      return () => { exitHandlers.delete(handler); };
    },
    emitMessage(message) {
      for (const h of messageHandlers) h(message);
    },
    emitExit(exit) {
      if (exited) return false;
      exited = exit;
      for (const h of exitHandlers) h(exit);
      exitHandlers.clear();
      return true;
    },
  };
}
