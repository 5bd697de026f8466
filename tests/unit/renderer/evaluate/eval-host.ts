/**
 * A test host with spies for the Export view (`exportModel`,
 * `exportPredictions`) over the shared in-process engine host, and an iris
 * model trained for a few epochs in this thread.
 */
import { vi } from 'vitest';
import type { EngineEvent } from '../../../../core/engine/protocol';
import { useNetworkStore } from '../../../../renderer/src/stores/network';
import { useSessionStore } from '../../../../renderer/src/stores/session';
import { useTrainingStore } from '../../../../renderer/src/stores/training';
import type { DatasetChoice } from '../../../../renderer/src/host/studio-host';
import { createTestHost, irisChoice, type TestHost } from '../test-host';

export interface ExportTestHost extends TestHost {
  exportModel: ReturnType<typeof vi.fn<TestHost['exportModel']>>;
  exportPredictions: ReturnType<typeof vi.fn<TestHost['exportPredictions']>>;
}

export function createExportHost(): ExportTestHost {
  const host = createTestHost() as ExportTestHost;
  host.exportModel = vi.fn<TestHost['exportModel']>((format) => Promise.resolve({ path: `/tmp/model-${format}` }));
  host.exportPredictions = vi.fn<TestHost['exportPredictions']>(() => Promise.resolve({ path: 'iris-predictions.csv', rows: 150, warnings: ['Row 3: petal_width is missing.'] }));
  return host;
}

/** Connects to an in-process engine and loads iris; the network store builds the model. */
export async function irisUntrained(host = createExportHost(), choice: DatasetChoice = irisChoice(), prepare?: () => Promise<void>) {
  const session = useSessionStore();
  await session.connect(host);
  await session.loadDataset(choice);
  await prepare?.();
  const network = useNetworkStore();
  await network.sync();
  await network.flush();
  for (let i = 0; i < 100 && session.engineState !== 'model-ready'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    const hello = await session.call<{ state: typeof session.engineState }>({ type: 'hello' });
    session.setEngineState(hello.state as never);
  }
  return { session, host };
}

/** An iris model trained for `epochs` epochs (the training store has seen the run finish). */
export async function irisTrained(epochs = 15, host = createExportHost(), choice?: DatasetChoice, prepare?: () => Promise<void>) {
  const { session } = await irisUntrained(host, choice, prepare);
  const training = useTrainingStore();
  training.init();
  training.config = { ...training.config, epochs, earlyStopping: undefined };
  const done = new Promise<void>((resolve) => {
    const off = session.onEngineEvent((e: EngineEvent) => { if (e.type === 'train-finished') { off(); resolve(); } });
  });
  await training.start();
  await done;
  return { session, training, host };
}
