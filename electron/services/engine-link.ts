/**
 * Main's link to the engine process, without Electron: starts it through
 * `fork()` (a utility process in the app, a worker thread in tests), keeps
 * it alive with the supervisor, re-sends the file grants to every fresh
 * engine (so a restart can restore a dataset opened by path), and attaches
 * the renderer's port to the current engine.
 */
import type { EngineSnapshot } from '../../core/engine/protocol';
import { isGrantAck, type EngineControl } from './engine-host';
import { childProcessTransport, type EngineChild } from './engine-process';
import { createEngineSupervisor, type EngineCrashInfo, type EngineSupervisor, type SupervisorTimers } from './engine-supervisor';

/** A started engine process: a child that also takes control messages, some with a port. */
export interface EngineProcess extends EngineChild {
  postControl(message: EngineControl, transfer?: readonly unknown[]): void;
}

export interface EngineLinkArgs {
  fork(): EngineProcess;
  onCrash(info: EngineCrashInfo): void;
  snapshotEveryMs?: number;
  timers?: SupervisorTimers;
}

export interface EngineLink {
  readonly supervisor: EngineSupervisor;
  /**
   * Lets the engine, and every later one, open these paths; resolves once the
   * engine confirmed (or exited: a fresh engine receives every grant first),
   * so a request the renderer sends afterwards finds them granted.
   */
  grant(paths: readonly string[]): Promise<void>;
  remember(snapshot: EngineSnapshot | null): void;
  /** Gives the current engine the renderer's end of a fresh channel (replacing the previous one). */
  attachRenderer(port: unknown): void;
}

export function createEngineLink(args: EngineLinkArgs): EngineLink {
  const grants = new Set<string>();
  let child: EngineProcess | null = null;
  let nextAck = 1;
  /** Grants sent to the current child and not yet confirmed. */
  let waiting = new Map<number, () => void>();
  const supervisor = createEngineSupervisor({
    start() {
      child = args.fork();
      // Grants still unconfirmed by an engine that died are covered by the full list sent below.
      for (const resolve of waiting.values()) resolve();
      const own = new Map<number, () => void>();
      waiting = own;
      child.on('message', (message) => {
        if (!isGrantAck(message)) return;
        own.get(message.ack)?.();
        own.delete(message.ack);
      });
      child.on('exit', () => { for (const resolve of own.values()) resolve(); own.clear(); });
      const transport = childProcessTransport(child);
      if (grants.size > 0) child.postControl({ control: 'grant-files', paths: [...grants] });
      return transport;
    },
    onCrash: args.onCrash,
    // Main's connection gets only its replies (the supervisor's client handles them) and train-finished.
    onMessage: () => undefined,
    snapshotEveryMs: args.snapshotEveryMs,
    timers: args.timers,
  });
  return {
    supervisor,
    grant(paths) {
      const fresh = paths.filter((p) => !grants.has(p));
      for (const p of fresh) grants.add(p);
      const current = child;
      if (fresh.length === 0 || current === null) return Promise.resolve();
      const ack = nextAck++;
      const done = new Promise<void>((resolve) => { waiting.set(ack, resolve); });
      current.postControl({ control: 'grant-files', paths: fresh, ack });
      return done;
    },
    remember: (snapshot) => supervisor.remember(snapshot),
    attachRenderer(port) {
      child?.postControl({ control: 'attach-renderer' }, [port]);
    },
  };
}
