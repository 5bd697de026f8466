/**
 * The page's engine client: typed requests that resolve with the value or
 * reject with an `EngineRequestError` carrying the engine's code and message
 * (shown to the user as is), events, and reconnection after the engine
 * restarted (desktop) — all over whatever transport the host gave.
 */
import { isProxy, toRaw } from 'vue';
import type { EngineEvent } from '../../../core/engine/protocol';
import { createEngineClient, type ClientRequest, type EngineClient, type EngineTransport } from '../../../core/engine/transport';

export class EngineRequestError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'EngineRequestError';
  }
}

/**
 * A request as plain data: Vue's reactive proxies unwrapped at every depth
 * (structured cloning refuses proxies), arrays and plain objects copied
 * (fields set to undefined left out),
 * anything else (Files, typed arrays, numbers…) passed as it is.
 */
export function toPlain(value: unknown): unknown {
  const raw: unknown = isProxy(value) ? toRaw(value) : value;
  if (Array.isArray(raw)) return raw.map(toPlain);
  if (raw !== null && typeof raw === 'object' && Object.getPrototypeOf(raw) === Object.prototype) {
    // As in JSON, a field set to undefined is no field at all (the engine's schemas are strict).
    return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toPlain(v)]));
  }
  return raw;
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
      const reply = await client.request(toPlain(request) as ClientRequest);
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
