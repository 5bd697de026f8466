/**
 * The engine over anything that speaks the web messaging API
 * (`postMessage` + `addEventListener('message', e => e.data)`): a browser
 * `Worker` and the worker's own `self`, a `MessagePort` (DOM or Node), and
 * so the web edition's engine worker. `serveEngine` runs inside the worker,
 * `connectEngine` is the host side.
 */
import { createEngine, type Engine, type EngineOptions } from './engine';
import type { EngineMessage } from './protocol';
import { createTransportSubscribers, type EngineExit, type EngineTransport } from './transport';

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

/**
 * Like `serveEngine`, for options that take a moment to prepare (compiling
 * WebAssembly in a Web Worker): the endpoint is listened to at once, and
 * messages that arrive before the options are ready are handled, in order,
 * as soon as they are. If preparing fails, the engine starts with `fallback`.
 */
export function serveEngineWhenReady(endpoint: MessageEndpoint, options: Promise<EngineOptions>, fallback: EngineOptions = {}): Promise<Engine> {
  let engine: Engine | null = null;
  const waiting: unknown[] = [];
  endpoint.addEventListener('message', (event) => {
    if (engine) void engine.handle(dataOf(event));
    else waiting.push(dataOf(event));
  });
  return options.catch(() => fallback).then((ready) => {
    const started = createEngine((message) => endpoint.postMessage(message), ready);
    engine = started;
    for (const message of waiting.splice(0)) void started.handle(message);
    return started;
  });
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
  const subscribers = createTransportSubscribers();
  const listener = (event: unknown): void => {
    // The far side is our engine, which only sends `EngineMessage`s.
    subscribers.emitMessage(dataOf(event) as EngineMessage);
  };
  endpoint.addEventListener('message', listener);
  const end = (exit: EngineExit): void => {
    if (subscribers.emitExit(exit)) endpoint.removeEventListener('message', listener);
  };
  options.onFailure?.((error) => end({ code: 1, crashed: true, error }));

  return {
    post: (message) => endpoint.postMessage(message),
    onMessage: subscribers.onMessage,
    onExit: subscribers.onExit,
    close() {
      options.terminate();
      end({ code: 0, crashed: false });
      return Promise.resolve();
    },
  };
}
