/** Iris loaded and configured through the page's stores, over a real in-process engine (`renderer-host.ts`). */
import type { PrepConfig } from '../../../../core/data/prep/config';
import { useSessionStore } from '../../../../renderer/src/stores/session';
import { IRIS_TEXT, createTestHost, type TestHost } from '../test-host';

export const IRIS_PREP: PrepConfig = {
  roles: { sepal_length_cm: 'input', sepal_width_cm: 'input', petal_length_cm: 'input', petal_width_cm: 'input', species: 'target' },
  task: 'classification',
  split: { train: 0.7, validation: 0.15, test: 0.15, seed: 1 },
};

/** Connects the session store (a Pinia must be active) and loads iris with `prep`, or nothing. */
export async function connectWithIris(prep: PrepConfig | null = IRIS_PREP): Promise<TestHost> {
  const host = createTestHost();
  const session = useSessionStore();
  await session.connect(host);
  if (prep) {
    await session.loadDataset({ name: 'iris.csv', size: IRIS_TEXT.length, source: { kind: 'text', name: 'iris.csv', text: IRIS_TEXT } });
    await session.updatePrep(() => prep);
  }
  return host;
}
