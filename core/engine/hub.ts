/**
 * One engine, several clients. In the desktop app the renderer talks to the
 * engine over its own MessagePort while main keeps a control connection (for
 * snapshots, project restores and exports): each connection has its own
 * request-id space, gets the replies to its own requests, and receives the
 * events it asked for. A renderer that reloads gets a fresh connection to
 * the same engine, with its data and model intact.
 */
import type { Engine } from './engine';
import { parseRequest, reply, type EngineEvent, type EngineMessage } from './protocol';

/** Which events a connection receives. */
export type EventFilter = 'all' | readonly EngineEvent['type'][];

/** One client of the hub. */
export interface HubConnection {
  /** Passes a request from this client to the engine. */
  handle(message: unknown): void;
  /** Detaches the client; replies still due to it are dropped. */
  close(): void;
}

export interface EngineHub {
  /** Attaches a client that receives its replies and the events `events` selects (default all). */
  connect(send: (message: EngineMessage) => void, events?: EventFilter): HubConnection;
  /** The engine behind the hub. */
  readonly engine: Engine;
}

interface Client {
  send(message: EngineMessage): void;
  events: EventFilter;
  open: boolean;
}

/** Builds the engine with `create(send)` and shares it between connections. */
export function createEngineHub(create: (send: (message: EngineMessage) => void) => Engine): EngineHub {
  const clients = new Set<Client>();
  /** Engine-side id -> the client and the id it used. */
  const pending = new Map<number, { client: Client; id: number }>();
  let nextId = 1;

  const engine = create((message) => {
    if (message.type === 'reply') {
      const route = pending.get(message.id);
      pending.delete(message.id);
      if (route?.client.open) route.client.send({ ...message, id: route.id });
      return;
    }
    for (const client of clients) {
      if (client.events === 'all' || client.events.includes(message.type)) client.send(message);
    }
  });

  return {
    engine,
    connect(send, events = 'all') {
      const client: Client = { send, events, open: true };
      clients.add(client);
      return {
        handle(message) {
          if (!client.open) return;
          const raw = typeof message === 'object' && message !== null && !Array.isArray(message) ? (message as Record<string, unknown>) : null;
          const id = raw && typeof raw['id'] === 'number' && Number.isInteger(raw['id']) ? raw['id'] : null;
          if (raw === null || id === null) {
            // Nothing to route a reply by: answer here, exactly as the engine would (such a message never parses).
            const parsed = parseRequest(message);
            if (!parsed.ok) send(reply(parsed.id, { ok: false, error: parsed.error }));
            return;
          }
          const internal = nextId++;
          pending.set(internal, { client, id });
          void engine.handle({ ...raw, id: internal });
        },
        close() {
          client.open = false;
          clients.delete(client);
          for (const [key, route] of pending) if (route.client === client) pending.delete(key);
        },
      };
    },
  };
}
