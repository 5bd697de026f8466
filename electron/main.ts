/**
 * Electron main: wires the Electron-free services to the operating system.
 * It owns the window, the menu, the dialogs, files and projects, and the
 * engine's utility process; it never relays training traffic (the renderer
 * has its own port to the engine). Everything with logic lives in
 * `services/` and is tested in Node; this file only connects objects.
 */
import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, nativeTheme, session, type WebContents } from 'electron';
import { APP_NAME, ENGINE_VERSION } from '../core/version';
import { nativeDialogs } from './dialogs';
import { launchEngine } from './engine/engine-launcher';
import type { IpcEventName, IpcEvents, TrainingMenuState } from './ipc/contract';
import { registerIpcHandlers } from './ipc/register';
import { installMenu } from './menu';
import { createAutosave } from './services/autosave';
import { contentSecurityPolicy } from './services/content-security-policy';
import { launchFile, launchFileKind, type LaunchFile } from './services/launch-args';
import type { MenuCommand } from './services/menu-template';
import { isPermissionGranted } from './services/permissions';
import { createProjectSession } from './services/project-session';
import { RECENT_FILES_FILE_NAME, openRecentFiles } from './services/recent-files';
import { isNavigationAllowed, rendererTrust, type RendererTrust } from './services/renderer-trust';
import { SETTINGS_FILE_NAME, openSettings } from './services/settings';
import { createStudioController } from './services/studio-controller';
import { StudioError } from './services/studio-error';
import { WINDOW_STATE_FILE_NAME, createWindowStateKeeper } from './services/window-state';
import { createMainWindow } from './window';

/** out/main/ when built; the preload, the engine and the renderer are its neighbours. */
const here = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
const engineEntryPath = join(here, 'engine.js');
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

/** Files the OS asked to open before the window existed (macOS `open-file`, launch arguments). */
const queuedFiles: LaunchFile[] = [];
let openFile: (file: LaunchFile) => void = (file) => { queuedFiles.push(file); };

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

  const userData = app.getPath('userData');
  const [{ settings, warning: settingsWarning }, { recentFiles, warning: recentWarning }] = await Promise.all([
    openSettings({ file: join(userData, SETTINGS_FILE_NAME), locale: app.getLocale() }),
    openRecentFiles({ file: join(userData, RECENT_FILES_FILE_NAME), platform: process.platform }),
  ]);
  for (const warning of [settingsWarning, recentWarning]) if (warning) console.warn(`[settings] ${warning}`);
  nativeTheme.themeSource = settings.get().theme;

  let window: BrowserWindow | null = null;
  const send = <E extends IpcEventName>(event: E, payload: IpcEvents[E]): void => {
    if (window && !window.isDestroyed()) window.webContents.send(event, payload);
  };
  const notice = (level: IpcEvents['app:notice']['level'], message: string): void => send('app:notice', { level, message });

  const engine = launchEngine(engineEntryPath, (info) => send('engine:crashed', { message: info.message, restored: info.restored }));
  const dialogs = nativeDialogs(() => window);

  let training: TrainingMenuState = { canStart: false, canPause: false, canResume: false, canStop: false, canStep: false };
  const projectSession = createProjectSession({
    engine: {
      request: (request) => engine.supervisor.request(request),
      grant: (paths) => engine.grant(paths),
      remember: (snapshot) => engine.remember(snapshot),
    },
    dialogs,
    appVersion: app.getVersion(),
    engineVersion: ENGINE_VERSION,
    documentsDir: app.getPath('documents'),
    onTitle(title, dirty) {
      if (!window) return;
      window.setTitle(`${title}${dirty ? ' •' : ''} — ${APP_NAME}`);
      window.setDocumentEdited(dirty);
    },
    onRecent: (path) => { void recentFiles.add(path).catch((e: unknown) => console.warn('[recent]', e)); },
    onNotice: (message) => notice('warning', message),
  });
  const autosave = createAutosave({
    dir: userData,
    getSnapshot: () => projectSession.autosaveText(engine.supervisor.lastSnapshot),
    onError: (error) => notice('error', error.message),
  });

  const menu = (): void => {
    const current = settings.get();
    installMenu(
      {
        platform: process.platform, appName: APP_NAME, recent: recentFiles.list(), theme: current.theme,
        language: current.language, training, hasProject: true, dev: !app.isPackaged,
      },
      {
        inMain(command: MenuCommand) {
          if (command.id === 'file.clearRecent') { void recentFiles.clear(); return true; }
          if (command.id.startsWith('view.theme.')) {
            void settings.update({ theme: command.id.slice('view.theme.'.length) as 'system' | 'light' | 'dark' });
            return true;
          }
          if (command.id.startsWith('view.language.')) {
            void settings.update({ language: command.id.slice('view.language.'.length) as 'en' | 'zh-CN' });
            return true;
          }
          return false;
        },
        toRenderer: (command) => send('menu:command', command),
      },
    );
  };
  recentFiles.subscribe(menu);
  settings.subscribe((next) => {
    nativeTheme.themeSource = next.theme;
    send('settings:changed', next);
    menu();
  });
  menu();

  const controller = createStudioController({
    session: projectSession,
    dialogs,
    recent: recentFiles,
    settings,
    autosave,
    engineRequest: (request) => engine.supervisor.request(request),
    connectEngine: () => {
      if (!window) throw new StudioError('The studio window is not open.');
      return engine.connect(window.webContents);
    },
    onTrainingMenu(state) { training = state; menu(); },
    onNotice: (message) => notice('warning', message),
    appName: APP_NAME,
    appVersion: app.getVersion(),
    engineVersion: ENGINE_VERSION,
    documentsDir: app.getPath('documents'),
  });
  registerIpcHandlers(ipcMain, trust, controller);

  /** Opens a file the OS or a second launch named: a project in place, a dataset through the renderer. */
  openFile = (file) => {
    if (window) { if (window.isMinimized()) window.restore(); window.focus(); }
    if (file.kind === 'dataset') {
      void projectSession.grantDataset(file.path)
        .then((identity) => send('dataset:chosen', { path: file.path, name: basename(file.path), size: identity.size }))
        .catch((error: unknown) => notice('error', error instanceof Error ? error.message : String(error)));
      return;
    }
    void projectSession.open(file.path)
      .then((project) => send('project:opened', project))
      .catch((error: unknown) => notice('error', error instanceof Error ? error.message : String(error)));
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = launchFile(argv, { isPackaged: app.isPackaged, cwd: workingDirectory });
    if (file) openFile(file);
    else if (window) { if (window.isMinimized()) window.restore(); window.focus(); }
  });

  // On quit: a last snapshot, then the autosave, then the engine ends.
  let finished = false;
  app.on('before-quit', (event) => {
    if (finished) return;
    event.preventDefault();
    autosave.stop();
    void engine.supervisor.snapshot()
      .then(() => autosave.flush())
      .catch((error: unknown) => console.error('[autosave] the last save failed:', error))
      .then(() => engine.supervisor.close())
      .finally(() => { finished = true; app.quit(); });
  });

  const keeper = createWindowStateKeeper({ file: join(userData, WINDOW_STATE_FILE_NAME) });
  const openWindow = async (): Promise<void> => {
    window = await createMainWindow(trust, preloadPath, keeper);
    window.on('closed', () => { window = null; });
    window.webContents.once('did-finish-load', () => {
      for (const file of queuedFiles.splice(0)) openFile(file);
    });
    void recentFiles.prune((path) => access(path).then(() => true, () => false));
  };
  const first = launchFile(process.argv, { isPackaged: app.isPackaged, cwd: process.cwd() });
  if (first) queuedFiles.push(first);
  await openWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow();
  });
}

// One studio per user: a second launch hands its file to this one and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  // macOS opens documents through this event, also before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    const kind = launchFileKind(path);
    if (kind) openFile({ kind, path });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  start().catch((error: unknown) => {
    console.error('Backprop Studio could not start:', error);
    app.exit(1);
  });
}
