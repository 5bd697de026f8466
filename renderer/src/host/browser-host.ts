import { version } from '../../../package.json';
import { APP_NAME, ENGINE_VERSION } from '../../../core/version';
import type { AppInfo } from '../../../electron/ipc/contract';
import type { StudioHost } from './studio-host';

/** The web-edition host: no Electron, everything answered in the page. */
export function browserHost(): StudioHost {
  return {
    kind: 'browser',
    runtime: 'web browser',
    appInfo(): Promise<AppInfo> {
      return Promise.resolve({ name: APP_NAME, version, engineVersion: ENGINE_VERSION });
    },
  };
}
