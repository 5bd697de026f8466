import { StudioError } from '../services/studio-error';
import { isTrustedRendererUrl, untrustedSenderMessage, type RendererTrust } from '../services/renderer-trust';
import type { IpcArgs, IpcChannel, IpcResult, IpcValue } from './contract';

/** The outcome of checking raw IPC arguments against a channel's schema. */
export type ArgsCheck<A> = { ok: true; args: A } | { ok: false; problem: string };

/** Checks the raw arguments of one channel (see `electron/ipc/args.ts`). */
export type ArgsChecker<C extends IpcChannel> = (raw: readonly unknown[]) => ArgsCheck<IpcArgs<C>>;

/** The implementation of one channel, called only with checked arguments. */
export type IpcImplementation<C extends IpcChannel> = (
  ...args: IpcArgs<C>
) => IpcValue<C> | Promise<IpcValue<C>>;

/** A handler that answers every call with data, never with a thrown error. */
export type GuardedHandler<C extends IpcChannel> = (
  senderUrl: string | undefined,
  raw: readonly unknown[],
) => Promise<IpcResult<IpcValue<C>>>;

/**
 * Wraps a channel's implementation: refuses callers that are not the studio
 * window, refuses malformed arguments, and turns a thrown error into an
 * `{ ok: false }` reply: a `StudioError` keeps its message (it is written for
 * the user), anything else is reported as a fault of the named channel. Electron-free, so it is tested in plain Node.
 */
export function guardHandler<C extends IpcChannel>(
  channel: C,
  trust: RendererTrust,
  checkArgs: ArgsChecker<C>,
  implementation: IpcImplementation<C>,
): GuardedHandler<C> {
  return async (senderUrl, raw) => {
    if (!isTrustedRendererUrl(senderUrl, trust)) {
      return { ok: false, error: { code: 'untrusted-sender', message: untrustedSenderMessage(channel, senderUrl) } };
    }
    const checked = checkArgs(raw);
    if (!checked.ok) {
      return {
        ok: false,
        error: { code: 'invalid-arguments', message: `Invalid arguments for "${channel}": ${checked.problem}` },
      };
    }
    try {
      return { ok: true, value: await implementation(...checked.args) };
    } catch (cause) {
      if (cause instanceof StudioError) return { ok: false, error: { code: 'failed', message: cause.message } };
      const reason = cause instanceof Error ? cause.message : String(cause);
      return { ok: false, error: { code: 'handler-failed', message: `"${channel}" failed: ${reason}` } };
    }
  };
}
