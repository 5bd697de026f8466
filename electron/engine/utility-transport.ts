/**
 * The main-process half of running the engine in an Electron utility
 * process: `utilityProcess.fork(<built engine-entry>)` gives the child, this
 * turns it into the `EngineTransport` the rest of the app uses. The logic
 * lives in `services/engine-process.ts` so it can be tested without Electron.
 */
import type { UtilityProcess } from 'electron';
import type { EngineTransport } from '../../core/engine/transport';
import { childProcessTransport } from '../services/engine-process';

/**
 * An `EngineTransport` over a forked utility process: `post` → `child.postMessage`,
 * replies and events from its `message` event, `onExit` from its `exit` event
 * (a crash when the code is non-zero and `close()` was not called), `close` → `child.kill()`.
 */
export function utilityTransport(child: UtilityProcess): EngineTransport {
  return childProcessTransport(child);
}
