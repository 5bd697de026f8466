/**
 * The page's engine client: typed requests that resolve with the value or
 * reject with an `EngineRequestError` carrying the engine's code and message
 * (shown to the user as is), events, and reconnection after the engine
 * restarted (desktop) — all over whatever transport the host gave.
 */
import type { EngineEvent } from '../../../core/engine/protocol';
import { createEngineClient, type ClientRequest, type EngineClient, type EngineTransport } from '../../../core/engine/transport';

export class EngineRequestError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'EngineRequestError';
  }
}

export interface EngineService {
  call<T>(request: ClientRequest): Promise<T>;
  onEvent(handler: (event: EngineEvent) => void): () => void;
  /** Replaces the transport (after a restart); event subscriptions carry over. */
  attach(transport: EngineTransport): void;
}

export function createEngineService(transport: EngineTransport): EngineService {
  const handlers = new Set<(event: EngineEvent) => void>();
  let client: EngineClient;
  const attach = (t: EngineTransport): void => {
    client = createEngineClient(t);
    client.onEvent((event) => { for (const h of handlers) h(event); });
  };
  attach(transport);
  return {
    async call<T>(request: ClientRequest): Promise<T> {
      const reply = await client.request(request);
      if (!reply.result.ok) throw new EngineRequestError(reply.result.error.code, reply.result.error.message);
      return reply.result.value as T;
    },
    onEvent(handler) {
      handlers.add(handler);
      return () => { handlers.delete(handler); };
    },
    attach,
  };
}
