/**
 * Keeps one engine alive for Electron main (issue 6): it forwards every
 * engine message, snapshots the engine periodically and after each finished
 * training run, and when the engine crashes it reports the crash, starts a
 * fresh engine and restores the last good snapshot into it. Electron-free:
 * the engine is whatever `start()` returns.
 */
import type { EngineMessage, EngineReply, EngineSnapshot } from '../../core/engine/protocol';
import {
  createEngineClient, type ClientRequest, type EngineClient, type EngineExit, type EngineTransport,
} from '../../core/engine/transport';

/** The timer functions the supervisor uses; default: the global ones. */
export interface SupervisorTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** What `onCrash` receives. */
export interface EngineCrashInfo {
  exit: EngineExit;
  /** Whether the fresh engine was restored from a snapshot. */
  restored: boolean;
  /** A sentence for the user. */
  message: string;
}

export interface EngineSupervisorArgs {
  /** Starts a fresh engine. */
  start(): EngineTransport;
  /** Time between two periodic snapshots (default 10 000 ms). */
  snapshotEveryMs?: number;
  timers?: SupervisorTimers;
  /** Called after a crash, once the fresh engine is started (and restored when possible). */
  onCrash(info: EngineCrashInfo): void;
  /** Every reply and event of the current engine. */
  onMessage(message: EngineMessage): void;
}

export interface EngineSupervisor {
  /** Sends a request to the current engine (after a restart, once the restore is done). */
  request(request: ClientRequest): Promise<EngineReply>;
  /** Takes a snapshot now; resolves with whether it succeeded (a failure keeps the previous one). */
  snapshot(): Promise<boolean>;
  /** The last good snapshot, or null. */
  readonly lastSnapshot: EngineSnapshot | null;
  /** Replaces the snapshot a crash restores (a project was opened: its snapshot; a new project: null). */
  remember(snapshot: EngineSnapshot | null): void;
  /** The transport of the current engine (changes after a restart). */
  readonly current: EngineTransport;
  /** Stops the timer and ends the engine (an expected exit, not a crash). */
  close(): Promise<void>;
}

/** The user-facing sentence for a crash. */
export function crashMessage(code: number, restored: boolean): string {
  return restored
    ? `The engine stopped unexpectedly (exit code ${code}). It was restarted from your last snapshot; training since then was lost.`
    : `The engine stopped unexpectedly (exit code ${code}). It was restarted; load your dataset again.`;
}

/** Starts an engine and keeps it running; see the module comment. */
export function createEngineSupervisor(args: EngineSupervisorArgs): EngineSupervisor {
  const timers: SupervisorTimers = args.timers ?? {
    setInterval: (callback, ms) => setInterval(callback, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
  let transport: EngineTransport;
  let client: EngineClient;
  let last: EngineSnapshot | null = null;
  let closed = false;
  /** Resolves when the current engine is ready for requests (after a restore). */
  let ready: Promise<void> = Promise.resolve();
  /** The engine a restore is being sent to, if any. */
  let restoring: EngineTransport | null = null;

  /** Waits until no restart is in progress (a restart may begin while waiting). */
  async function settled(): Promise<void> {
    let seen: Promise<void> | null = null;
    while (seen !== ready) { seen = ready; await seen; }
  }

  function attach(): void {
    const own = args.start();
    transport = own;
    client = createEngineClient(own);
    own.onMessage((message) => {
      if (own !== transport) return;
      args.onMessage(message);
      if (message.type === 'train-finished') void takeSnapshot();
    });
    own.onExit((exit) => {
      if (own !== transport || !exit.crashed || closed) return;
      // A crash during the restore may come from the snapshot itself: do not feed it to the next engine.
      if (restoring === own) last = null;
      ready = restart(exit);
    });
  }

  async function takeSnapshot(): Promise<boolean> {
    const own = transport;
    try {
      const reply = await client.request({ type: 'snapshot' });
      // A snapshot of an empty engine (or of a replaced one) is not worth keeping.
      if (!reply.result.ok || own !== transport) return false;
      const snap = reply.result.value as EngineSnapshot;
      if (snap.dataset === null) return false;
      last = snap;
      return true;
    } catch {
      return false;
    }
  }

  async function restart(exit: EngineExit): Promise<void> {
    attach();
    const own = transport;
    let restored = false;
    if (last) {
      restoring = own;
      try {
        restored = (await client.request({ type: 'restore', snapshot: last })).result.ok;
      } catch {
        restored = false;
      } finally {
        if (restoring === own) restoring = null;
      }
    }
    if (own !== transport) return; // it crashed too; its own restart reports
    args.onCrash({ exit, restored, message: crashMessage(exit.code, restored) });
  }

  attach();
  const timer = timers.setInterval(() => { void settled().then(takeSnapshot); }, args.snapshotEveryMs ?? 10_000);

  return {
    async request(request) {
      await settled();
      return client.request(request);
    },
    async snapshot() {
      await settled();
      return takeSnapshot();
    },
    get lastSnapshot() { return last; },
    remember(snapshot) { last = snapshot; },
    get current() { return transport; },
    async close() {
      closed = true;
      timers.clearInterval(timer);
      await transport.close();
    },
  };
}
