/**
 * The few runtime globals `core/` may use: those every host of the engine
 * provides (Node >= 20, browsers, Web Workers, Electron's utility process)
 * that are not part of ECMAScript itself. Only tsconfig.core.json loads this
 * file; there is no DOM and no Node in that program, so `document`, `window`,
 * `process` or `Buffer` in core are type errors. Declarations are the common
 * subset of the DOM and Node typings, so code that checks here also checks
 * in the renderer (DOM) and tools (Node) programs.
 */

declare function setTimeout(handler: () => void, timeout?: number): unknown;
declare function clearTimeout(handle: ReturnType<typeof setTimeout> | undefined): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T): T;

declare var performance: {
  /** Milliseconds since an arbitrary origin, monotonic. */
  now(): number;
};

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
declare var AbortSignal: {
  prototype: AbortSignal;
  abort(reason?: unknown): AbortSignal;
  timeout(milliseconds: number): AbortSignal;
};

interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare var AbortController: {
  prototype: AbortController;
  new (): AbortController;
};

interface TextDecoder {
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};

interface TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array;
}
declare var TextEncoder: {
  prototype: TextEncoder;
  new (): TextEncoder;
};
