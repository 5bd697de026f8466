/**
 * The engine over anything that speaks the web messaging API
 * (`postMessage` + `addEventListener('message', e => e.data)`): a browser
 * `Worker` and the worker's own `self`, a `MessagePort` (DOM or Node), and
 * so the web edition's engine worker. `serveEngine` runs inside the worker,
 * `connectEngine` is the host side.
 */
import { createEngine, type Engine, type EngineOptions } from './engine';
import type { EngineMessage } from './protocol';
import type { EngineExit, EngineTransport } from './transport';

/**
 * The subset of `Worker` / `MessagePort` / `DedicatedWorkerGlobalScope` used
 * here. Listeners take `unknown` so that the DOM's and Node's `EventListener`
 * typings both fit; `dataOf` reads the `MessageEvent`'s `data`.
 */
export interface MessageEndpoint {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: unknown) => void): void;
  removeEventListener(type: 'message', listener: (event: unknown) => void): void;
}

function dataOf(event: unknown): unknown {
  return typeof event === 'object' && event !== null && 'data' in event ? event.data : undefined;
}

/** Runs an engine that answers every message arriving at `endpoint` (in a Web Worker: `serveEngine(self)`). */
export function serveEngine(endpoint: MessageEndpoint, options: EngineOptions = {}): Engine {
  const engine = createEngine((message) => endpoint.postMessage(message), options);
  endpoint.addEventListener('message', (event) => { void engine.handle(dataOf(event)); });
  return engine;
}

/** How the host ends the far side, and learns that it failed. */
export interface ConnectOptions {
  /** Ends the engine (e.g. `() => worker.terminate()`); called by `close()`. */
  terminate(): void;
  /**
   * Subscribes to uncaught failures of the far side (e.g. a Worker's `error`
   * event); each one is reported as a crash exit.
   */
  onFailure?(listener: (message: string) => void): void;
}

/** Host side of a message endpoint as an `EngineTransport`. */
export function connectEngine(endpoint: MessageEndpoint, options: ConnectOptions): EngineTransport {
  const messageHandlers = new Set<(message: EngineMessage) => void>();
  const exitHandlers = new Set<(exit: EngineExit) => void>();
  let exited: EngineExit | null = null;
  const listener = (event: unknown): void => {
    // The far side is our engine, which only sends `EngineMessage`s.
    const message = dataOf(event) as EngineMessage;
    for (const h of messageHandlers) h(message);
  };
  endpoint.addEventListener('message', listener);
  const end = (exit: EngineExit): void => {
    if (exited) return;
    exited = exit;
    endpoint.removeEventListener('message', listener);
    for (const h of exitHandlers) h(exit);
  };
  options.onFailure?.((error) => end({ code: 1, crashed: true, error }));

  return {
    post: (message) => endpoint.postMessage(message),
    onMessage(handler) {
      messageHandlers.add(handler);
      return () => messageHandlers.delete(handler);
    },
    onExit(handler) {
      if (exited) {
        handler(exited);
        return () => undefined;
      }
      exitHandlers.add(handler);
      return () => exitHandlers.delete(handler);
    },
    close() {
      options.terminate();
      end({ code: 0, crashed: false });
      return Promise.resolve();
    },
  };
}
