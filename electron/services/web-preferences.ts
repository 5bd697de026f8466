/**
 * The `webPreferences` of every studio window. The renderer is an untrusted
 * web page: no Node, no Electron, isolated from the preload, sandboxed.
 * A test pins these values; loosening one should be a deliberate change.
 */
export interface SecureWebPreferences {
  /** Absolute path of the built preload script (`out/preload/index.cjs`). */
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  /** Dropping a CSV on the window must reach the app, not navigate to the file. */
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: false;
  /** Middle-click (auxclick) cannot open links in new windows (Electronegativity AUXCLICK_JS_CHECK). */
  disableBlinkFeatures: 'Auxclick';
}

/** Builds the locked-down preferences for a window using `preloadPath`. */
export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  if (preloadPath.length === 0) {
    throw new Error('secureWebPreferences: expected the absolute path of the preload script, got an empty string');
  }
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
  };
}
