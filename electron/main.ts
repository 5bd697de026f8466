import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session, type WebContents } from 'electron';
import { ipcImplementations } from './ipc/handlers';
import { registerIpcHandlers } from './ipc/register';
import { contentSecurityPolicy } from './services/content-security-policy';
import { isPermissionGranted } from './services/permissions';
import { isNavigationAllowed, rendererTrust, type RendererTrust } from './services/renderer-trust';
import { createMainWindow } from './window';

/** out/main/ when built; the preload and renderer are its siblings. */
const here = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
const indexFileUrl = pathToFileURL(join(here, '../renderer/index.html')).href;

/** Every page of every window: no new windows, no foreign navigation, no webviews. */
function lockDownContents(contents: WebContents, trust: RendererTrust): void {
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`[security] refused to open a window on ${url}`);
    return { action: 'deny' };
  });
  const refuseForeign = (event: { preventDefault(): void }, url: string): void => {
    if (isNavigationAllowed(url, trust)) return;
    event.preventDefault();
    console.warn(`[security] refused navigation to ${url}`);
  };
  contents.on('will-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-redirect', (event) => refuseForeign(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session-wide rules: the CSP header on every response, every permission refused. */
function lockDownSession(csp: string): void {
  const { defaultSession } = session;
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionGranted(permission)),
  );
  defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
}

async function start(): Promise<void> {
  const trust = rendererTrust({
    isPackaged: app.isPackaged,
    indexFileUrl,
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  });
  const mode = trust.devServerOrigin === undefined ? 'production' : 'development';

  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, trust));
  await app.whenReady();
  lockDownSession(contentSecurityPolicy({ mode, delivery: 'header' }));
  registerIpcHandlers(ipcMain, trust, ipcImplementations({ appVersion: app.getVersion() }));
  await createMainWindow(trust, preloadPath);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createMainWindow(trust, preloadPath);
  });
}

app.enableSandbox();
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
start().catch((error: unknown) => {
  console.error('Backprop Studio could not start:', error);
  app.exit(1);
});
