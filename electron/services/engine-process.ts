/**
 * `EngineTransport` over a child process that runs the engine (an Electron
 * utility process in the app), written against the few members it needs so
 * that it stays Electron-free and can be tested with a plain EventEmitter.
 * The bookkeeping that matters: an exit after `close()` is expected, any
 * other non-zero exit is a crash the host must recover from.
 */
import type { EngineMessage } from '../../core/engine/protocol';
import { createTransportSubscribers, type EngineExit, type EngineTransport } from '../../core/engine/transport';

/** What the transport uses of a child process (Electron's `UtilityProcess` has all of it). */
export interface EngineChild {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  /** Electron reports a fatal error (type, location, report) before the exit. */
  on(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
  /** Asks the process to end; its `exit` event follows. */
  kill(): boolean;
}

/**
 * How an exit is reported: expected after `close()` was called, a crash for
 * any other non-zero code (an uncaught error, an outside kill, out of memory).
 */
export function classifyExit(code: number, closeRequested: boolean, error?: string): EngineExit {
  const crashed = !closeRequested && code !== 0;
  return error === undefined ? { code, crashed } : { code, crashed, error };
}

/** Wraps a started engine process in an `EngineTransport`. */
export function childProcessTransport(child: EngineChild): EngineTransport {
  const subscribers = createTransportSubscribers();
  let closeRequested = false;
  let lastError: string | undefined;
  let resolveExit: () => void = () => undefined;
  const exitPromise = new Promise<void>((resolve) => { resolveExit = resolve; });

  // Replies and events come from our own engine entry, so they are typed, not validated.
  child.on('message', (message) => subscribers.emitMessage(message as EngineMessage));
  child.on('error', (type, location) => { lastError = `${type} at ${location}`; });
  child.on('exit', (code) => {
    if (subscribers.emitExit(classifyExit(code, closeRequested, lastError))) resolveExit();
  });

  return {
    post(message) {
      const exited = subscribers.exited;
      if (exited) throw new Error(`Cannot send to the engine: it exited (code ${exited.code}).`);
      child.postMessage(message);
    },
    onMessage: subscribers.onMessage,
    onExit: subscribers.onExit,
    async close() {
      if (subscribers.exited) return;
      closeRequested = true;
      child.kill();
      await exitPromise;
    },
  };
}
