/**
 * How failures inside the engine become `{ code, message }` data for a reply
 * or event: typed errors from the libraries keep their code and message,
 * anything else is reported as `internal` with its message.
 */
import { DataError } from '../data/issues';
import { SpecError } from '../nn/spec-check';
import { TrainError } from '../train/errors';
import type { EngineErrorInfo } from './protocol';

/** A request that cannot be served in the engine's current state or with these arguments. */
export class EngineFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'EngineFailure';
  }
}

/** Throws an `EngineFailure`. */
export function fail(code: string, message: string): never {
  throw new EngineFailure(code, message);
}

/** The `{ code, message }` of any thrown value. */
export function errorInfo(error: unknown): EngineErrorInfo {
  if (error instanceof EngineFailure || error instanceof DataError || error instanceof SpecError || error instanceof TrainError) {
    return { code: error.code, message: error.message };
  }
  if (error instanceof Error) return { code: 'internal', message: `Internal engine error: ${error.message}` };
  return { code: 'internal', message: `Internal engine error: ${String(error)}` };
}
