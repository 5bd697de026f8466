import type { IpcMain } from 'electron';
import type { RendererTrust } from '../services/renderer-trust';
import { argsChecker } from './args';
import type { IpcChannel } from './contract';
import { guardHandler } from './guard';
import type { IpcImplementations } from './handlers';

/**
 * Registers every channel of the contract on `ipcMain`. Each call's sender
 * frame is checked against `trust` before its arguments are even read.
 */
export function registerIpcHandlers(ipcMain: IpcMain, trust: RendererTrust, implementations: IpcImplementations): void {
  const register = <C extends IpcChannel>(channel: C): void => {
    const handler = guardHandler(channel, trust, argsChecker(channel), implementations[channel]);
    ipcMain.handle(channel, async (event, ...raw: unknown[]) => {
      const result = await handler(event.senderFrame?.url, raw);
      if (!result.ok) console.error(`[ipc] ${result.error.code}: ${result.error.message}`);
      return result;
    });
  };
  for (const channel of Object.keys(implementations) as IpcChannel[]) register(channel);
}
