/**
 * A real engine in this process, shaped as main sees it: a control
 * connection (requests + grants + remembered snapshot) and a renderer
 * connection, both through the hub the utility process uses.
 */
import { createEngine } from '../../core/engine/engine';
import { nodeEngineFiles } from '../../core/engine/files.node.ts';
import { createEngineHub } from '../../core/engine/hub';
import type { EngineMessage, EngineReply, EngineSnapshot } from '../../core/engine/protocol';
import type { ClientRequest } from '../../core/engine/transport';
import type { SessionEngine } from '../../electron/services/project-session';

export interface StudioEngine extends SessionEngine {
  granted: Set<string>;
  remembered: EngineSnapshot | null | undefined;
  /** A request as the renderer would send it; resolves with the value or throws the engine's message. */
  renderer(request: ClientRequest): Promise<unknown>;
  whenIdle(): Promise<void>;
}

export function studioEngine(): StudioEngine {
  const granted = new Set<string>();
  const hub = createEngineHub((send) => createEngine(send, { files: nodeEngineFiles({ permits: (p) => granted.has(p) }) }));
  const connect = () => {
    const waiting = new Map<number, (reply: EngineReply) => void>();
    const conn = hub.connect((m: EngineMessage) => {
      if (m.type === 'reply') { waiting.get(m.id)?.(m); waiting.delete(m.id); }
    });
    let next = 1;
    return (request: ClientRequest): Promise<EngineReply> => new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      conn.handle({ ...request, id });
    });
  };
  const control = connect();
  const page = connect();
  const self: StudioEngine = {
    granted,
    remembered: undefined,
    request: control,
    grant(paths) { for (const p of paths) granted.add(p); return Promise.resolve(); },
    remember(snapshot) { self.remembered = snapshot; },
    async renderer(request) {
      const reply = await page(request);
      if (!reply.result.ok) throw new Error(reply.result.error.message);
      return reply.result.value;
    },
    whenIdle: () => hub.engine.whenIdle(),
  };
  return self;
}
