import { describe, expect, it, vi } from 'vitest';
import { argsChecker } from '../../../../electron/ipc/args';
import type { AppInfo } from '../../../../electron/ipc/contract';
import { guardHandler } from '../../../../electron/ipc/guard';
import { StudioError } from '../../../../electron/services/studio-error';
import { rendererTrust } from '../../../../electron/services/renderer-trust';
import { ENGINE_VERSION } from '../../../../core/version';

const INDEX = 'file:///app/out/renderer/index.html';
const trust = rendererTrust({ isPackaged: true, indexFileUrl: INDEX, devServerUrl: undefined });
const INFO: AppInfo = { name: 'Backprop Studio', version: '9.9.9', engineVersion: ENGINE_VERSION };

describe('guardHandler', () => {
  it('answers the studio window', async () => {
    const handler = guardHandler('app:info', trust, argsChecker('app:info'), () => INFO);
    await expect(handler(INDEX, [])).resolves.toStrictEqual({ ok: true, value: INFO });
  });

  it('refuses a foreign origin with the exact message, without running the handler', async () => {
    const implementation = vi.fn(() => INFO);
    const handler = guardHandler('app:info', trust, argsChecker('app:info'), implementation);
    await expect(handler('https://evil.example/', [])).resolves.toStrictEqual({
      ok: false,
      error: {
        code: 'untrusted-sender',
        message: 'Refused "app:info" from https://evil.example/: only the Backprop Studio window may call it.',
      },
    });
    expect(implementation).not.toHaveBeenCalled();
  });

  it('refuses unexpected arguments before the handler runs', async () => {
    const implementation = vi.fn(() => INFO);
    const handler = guardHandler('app:info', trust, argsChecker('app:info'), implementation);
    const result = await handler(INDEX, ['surprise']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-arguments');
    expect(result.error.message).toMatch(/^Invalid arguments for "app:info": /);
    expect(implementation).not.toHaveBeenCalled();
  });

  it('turns a thrown error into an error reply', async () => {
    const handler = guardHandler('app:info', trust, argsChecker('app:info'), () => {
      throw new Error('disk on fire');
    });
    await expect(handler(INDEX, [])).resolves.toStrictEqual({
      ok: false,
      error: { code: 'handler-failed', message: '"app:info" failed: disk on fire' },
    });
  });

  it('passes a StudioError on with its message, which is written for the user', async () => {
    const handler = guardHandler('app:info', trust, argsChecker('app:info'), () => {
      throw new StudioError('Cannot save "p.bpstudio": the disk is full.');
    });
    await expect(handler(INDEX, [])).resolves.toStrictEqual({
      ok: false,
      error: { code: 'failed', message: 'Cannot save "p.bpstudio": the disk is full.' },
    });
  });
});
