/**
 * The web edition's engine: the same `core/engine` as the desktop app, in a
 * Web Worker. Files arrive as `blob` sources and are read slice by slice.
 */
import { serveEngine, type MessageEndpoint } from '../../../core/engine/transport-port';

serveEngine(self as unknown as MessageEndpoint);
