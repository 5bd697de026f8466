import type { AppInfo, StudioBridge } from '../../../electron/ipc/contract';
import type { StudioHost } from './studio-host';

/** The desktop host, over `window.studio` from the preload. */
export function electronHost(bridge: StudioBridge): StudioHost {
  return {
    kind: 'electron',
    runtime: `Electron ${bridge.versions.electron}`,
    async appInfo(): Promise<AppInfo> {
      const result = await bridge.invoke['app:info']();
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    },
  };
}
