import { BrowserWindow } from 'electron';
import { APP_NAME } from '../core/version';
import { rendererEntryUrl, type RendererTrust } from './services/renderer-trust';
import { secureWebPreferences } from './services/web-preferences';

/** Opens the studio window on the trusted renderer. */
export async function createMainWindow(trust: RendererTrust, preloadPath: string): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    title: APP_NAME,
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: '#f7f7f5',
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(rendererEntryUrl(trust));
  return window;
}
