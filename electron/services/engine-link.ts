/**
 * Main's link to the engine process, without Electron: starts it through
 * `fork()` (a utility process in the app, a worker thread in tests), keeps
 * it alive with the supervisor, re-sends the file grants to every fresh
 * engine (so a restart can restore a dataset opened by path), and attaches
 * the renderer's port to the current engine.
 */
import type { EngineSnapshot } from '../../core/engine/protocol';
import type { EngineControl } from './engine-host';
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
  /** Lets the engine, and every later one, open these paths. */
  grant(paths: readonly string[]): void;
  remember(snapshot: EngineSnapshot | null): void;
  /** Gives the current engine the renderer's end of a fresh channel (replacing the previous one). */
  attachRenderer(port: unknown): void;
}

export function createEngineLink(args: EngineLinkArgs): EngineLink {
  const grants = new Set<string>();
  let child: EngineProcess | null = null;
  const supervisor = createEngineSupervisor({
    start() {
      child = args.fork();
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
      if (fresh.length > 0) child?.postControl({ control: 'grant-files', paths: fresh });
    },
    remember: (snapshot) => supervisor.remember(snapshot),
    attachRenderer(port) {
      child?.postControl({ control: 'attach-renderer' }, [port]);
    },
  };
}
