import type { StudioBridge } from '../../../electron/ipc/contract';
import { browserHost } from './browser-host';
import { electronHost } from './electron-host';
import type { StudioHost } from './studio-host';

declare global {
  interface Window {
    /** Present only inside the desktop app (set by the preload). */
    readonly studio?: StudioBridge;
  }
}

/**
 * Picks the host for this page. The only module that reads `window.studio`.
 */
export function createHost(): StudioHost {
  const bridge = window.studio;
  return bridge === undefined ? browserHost() : electronHost(bridge);
}
