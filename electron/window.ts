import { BrowserWindow, screen } from 'electron';
import { APP_NAME } from '../core/version';
import { rendererEntryUrl, type RendererTrust } from './services/renderer-trust';
import { secureWebPreferences } from './services/web-preferences';
import { DEFAULT_WINDOW_SIZE, type WindowStateKeeper } from './services/window-state';

/** The displays as the window-state service sees them. */
function displayAreas(): Array<{ workArea: Electron.Rectangle; primary: boolean }> {
  const primary = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((d) => ({ workArea: d.workArea, primary: d.id === primary }));
}

/** Opens the studio window on the trusted renderer, where it was last time; remembers where it goes. */
export async function createMainWindow(trust: RendererTrust, preloadPath: string, keeper: WindowStateKeeper): Promise<BrowserWindow> {
  const state = await keeper.load(displayAreas(), DEFAULT_WINDOW_SIZE);
  const window = new BrowserWindow({
    title: APP_NAME,
    ...state.bounds,
    minWidth: DEFAULT_WINDOW_SIZE.minWidth,
    minHeight: DEFAULT_WINDOW_SIZE.minHeight,
    show: false,
    backgroundColor: '#f7f7f5',
    webPreferences: secureWebPreferences(preloadPath),
  });
  if (state.maximized) window.maximize();
  const record = (): void => keeper.update({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  window.on('resize', record);
  window.on('move', record);
  window.on('maximize', record);
  window.on('unmaximize', record);
  window.on('close', () => {
    record();
    keeper.flush().catch((error: unknown) => console.warn('[window] cannot remember the window position:', error));
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(rendererEntryUrl(trust));
  return window;
}
