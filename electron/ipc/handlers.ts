import type { IpcChannel } from './contract';
import type { IpcImplementation } from './guard';

/**
 * One implementation per channel of the contract (built by
 * `createStudioController` in `electron/services/studio-controller.ts`).
 */
export type IpcImplementations = { [C in IpcChannel]: IpcImplementation<C> };
