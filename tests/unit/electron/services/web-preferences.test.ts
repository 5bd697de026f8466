import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../../electron/services/web-preferences';

describe('secureWebPreferences', () => {
  it('pins every security-relevant preference of the studio window', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toStrictEqual({
      preload: '/app/out/preload/index.cjs',
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
    });
  });

  it('refuses an empty preload path with a message that says what was expected', () => {
    expect(() => secureWebPreferences('')).toThrow(
      'secureWebPreferences: expected the absolute path of the preload script, got an empty string',
    );
  });
});
