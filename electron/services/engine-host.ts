/**
 * The inside of the engine's utility process, without Electron: one engine
 * behind a hub (`core/engine/hub.ts`) with two kinds of client.
 *
 * - Main, over the process's parent port: control messages (`grant-files`,
 *   `attach-renderer`) and protocol requests (snapshots, restores, exports).
 *   It receives only its replies and `train-finished` events.
 * - The renderer, over a MessagePort main created and handed to both sides:
 *   all protocol traffic, every event. Training never passes through main.
 *   A new port (after a reload) replaces the previous one.
 *
 * The engine opens by path only the files main granted: the ones the user
 * chose in a dialog or dropped on the window.
 */
import { createEngine, type EngineFiles } from '../../core/engine/engine';
import { createEngineHub, type EngineHub, type HubConnection } from '../../core/engine/hub';
import type { EngineMessage } from '../../core/engine/protocol';
import type { Kernels } from '../../core/math/kernels';

/** A control message from main (told apart from protocol requests by its `control` field). */
export type EngineControl =
  /** Answered with `{ control: 'granted', ack }` once the paths are allowed. */
  | { control: 'grant-files'; paths: string[]; ack?: number }
  /** Comes with the renderer's MessagePort as the one transferred port. */
  | { control: 'attach-renderer' };

/** The engine's answer to an acknowledged `grant-files`. */
export interface GrantAck {
  control: 'granted';
  ack: number;
}

/** Whether a message from the engine acknowledges a grant. */
export function isGrantAck(message: unknown): message is GrantAck {
  return typeof message === 'object' && message !== null
    && (message as { control?: unknown }).control === 'granted' && typeof (message as { ack?: unknown }).ack === 'number';
}

/** Whether a message from main is a control message. */
export function isEngineControl(message: unknown): message is EngineControl {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { control?: unknown; paths?: unknown; ack?: unknown };
  if (m.control === 'attach-renderer') return true;
  return m.control === 'grant-files' && Array.isArray(m.paths) && m.paths.every((p) => typeof p === 'string')
    && (m.ack === undefined || typeof m.ack === 'number');
}

/** A message port as the host uses it (Electron's `MessagePortMain` through a two-line adapter). */
export interface HostPort {
  postMessage(message: unknown): void;
  onMessage(handler: (data: unknown) => void): void;
  /** Stops delivery and releases the port. */
  close(): void;
}

/** The utility process's link to main. */
export interface ParentLink {
  postMessage(message: unknown): void;
  onMessage(handler: (data: unknown, ports: readonly HostPort[]) => void): void;
}

export interface EngineHostOptions {
  /** Builds the file access from the permission check (in the app: `nodeEngineFiles`). */
  files(permits: (path: string) => boolean): EngineFiles;
  /** The compute kernels (in the app: WebAssembly SIMD via `loadNodeKernels`); default TypeScript. */
  kernels?: Kernels;
}

export interface EngineHost {
  readonly hub: EngineHub;
  /** The paths the engine may open. */
  readonly granted: ReadonlySet<string>;
}

/** Serves the engine to main (over `parent`) and to whichever renderer port main attaches last. */
export function serveEngineHost(parent: ParentLink, options: EngineHostOptions): EngineHost {
  const granted = new Set<string>();
  const files = options.files((path) => granted.has(path));
  const hub = createEngineHub((send: (message: EngineMessage) => void) => createEngine(send, { files, kernels: options.kernels }));
  const control = hub.connect((message) => parent.postMessage(message), ['train-finished']);
  let renderer: { port: HostPort; connection: HubConnection } | null = null;

  parent.onMessage((data, ports) => {
    if (!isEngineControl(data)) {
      control.handle(data);
      return;
    }
    if (data.control === 'grant-files') {
      for (const path of data.paths) granted.add(path);
      // The renderer's next request comes over another port: main waits for this before telling it the file is ready.
      if (data.ack !== undefined) parent.postMessage({ control: 'granted', ack: data.ack } satisfies GrantAck);
      return;
    }
    const port = ports[0];
    if (!port) return;
    if (renderer) {
      renderer.connection.close();
      renderer.port.close();
    }
    const connection = hub.connect((message) => port.postMessage(message), 'all');
    port.onMessage((message) => connection.handle(message));
    renderer = { port, connection };
  });
  return { hub, granted };
}
