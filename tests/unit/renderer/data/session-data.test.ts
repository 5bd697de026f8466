// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSessionStore } from '../../../../renderer/src/stores/session';
import { createTestHost, irisChoice, textChoice, type TestHost } from '../test-host';

let host: TestHost;

async function irisSession() {
  const session = useSessionStore();
  await session.connect(host);
  await session.loadDataset(irisChoice());
  return session;
}

beforeEach(() => {
  setActivePinia(createPinia());
  localStorage.clear();
  host = createTestHost();
});

describe('session store: data settings against a real engine', () => {
  it('loads iris text: the dataset, the suggested settings and the configured widths', async () => {
    const session = await irisSession();
    expect(session.importing).toBeNull();
    expect(session.importError).toBeNull();
    expect(session.dataset?.rows).toBe(150);
    expect(session.columns.map((c) => c.name)).toEqual(['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm', 'species']);
    expect(session.prep?.task).toBe('classification');
    expect(session.configured).toMatchObject({ inputs: 4, outputs: 3, labels: ['setosa', 'versicolor', 'virginica'] });
    expect(session.engineState).toBe('data-ready');
  });

  it('rows() pages through the engine', async () => {
    const session = await irisSession();
    const page = await session.rows(148, 10);
    expect(page.totalRows).toBe(150);
    expect(page.rows).toHaveLength(2);
    expect(page.rows[1]![4]).toBe('virginica');
  });

  it('setRole ignore of an input narrows the network input', async () => {
    const session = await irisSession();
    await session.setRole('sepal_width_cm', 'ignore');
    expect(session.prep?.roles['sepal_width_cm']).toBe('ignore');
    expect(session.configured?.inputs).toBe(3);
  });

  it('setKind reads a numeric input as categories (one-hot) and back', async () => {
    const session = await irisSession();
    await session.setKind('petal_width_cm', 'categorical');
    expect(session.prep?.kinds).toEqual({ petal_width_cm: 'categorical' });
    const oneHot = session.configured!.inputNames.filter((n) => n.startsWith('petal_width_cm='));
    expect(oneHot).toContain('petal_width_cm=0.2');
    expect(oneHot.length).toBeGreaterThan(10);
    expect(session.configured?.inputs).toBe(3 + oneHot.length);
    await session.setKind('petal_width_cm', null);
    expect(session.prep?.kinds).toBeUndefined();
    expect(session.configured?.inputs).toBe(4);
  });

  it('setKind numeric on the species column shows the engine\'s exact message', async () => {
    const session = await irisSession();
    await session.setKind('species', 'numeric');
    expect(session.configured).toBeNull();
    expect(session.configError).toBe(
      'Column "species" of "iris.csv" cannot be read as numbers: data row 1 holds "setosa", which is not a number. Keep the column categorical or set its role to ignore.',
    );
  });

  it('setTask regression with a categorical target is refused with the engine\'s message; back to classification recovers', async () => {
    const session = await irisSession();
    await session.setTask('regression');
    expect(session.configured).toBeNull();
    expect(session.configError).toMatch(/species/);
    await session.setTask('classification');
    expect(session.configError).toBeNull();
    expect(session.configured?.outputs).toBe(3);
  });

  it('regression on a numeric target: one output', async () => {
    const session = await irisSession();
    await session.setRole('species', 'ignore');
    await session.setRole('petal_width_cm', 'target');
    await session.setTask('regression');
    expect(session.configError).toBeNull();
    expect(session.configured).toMatchObject({ inputs: 3, outputs: 1, labels: null });
  });

  it('no target: the engine\'s exact error is kept in configError', async () => {
    const session = await irisSession();
    await session.setRole('species', 'ignore');
    expect(session.configured).toBeNull();
    const direct = await session.call({ type: 'configure-data', config: JSON.parse(JSON.stringify(session.prep)) as unknown }).then(() => '', (e: Error) => e.message);
    expect(direct).toMatch(/target/i);
    expect(session.configError).toBe(direct);
  });

  it('setSplit changes the rows per split and the seed', async () => {
    const session = await irisSession();
    await session.setSplit({ train: 0.5, validation: 0.25, test: 0.25 }, 7);
    expect(session.prep?.split).toEqual({ train: 0.5, validation: 0.25, test: 0.25, seed: 7 });
    const rows = session.configured!.rows;
    expect(rows.train + rows.validation + rows.test).toBe(150);
    expect(rows.train).toBe(75);
  });

  it('setScaling and updatePrep reach the engine (missing indicators add inputs)', async () => {
    const session = await irisSession();
    await session.setScaling('sepal_length_cm', 'minmax');
    expect(session.prep?.scaling).toEqual({ sepal_length_cm: 'minmax' });
    await session.updatePrep((p) => ({ ...p, missingIndicator: true }));
    expect(session.configured?.inputs).toBe(8);
    await session.setScaling('sepal_length_cm', null);
    expect(session.prep?.scaling).toBeUndefined();
  });

  it('a file that is not a table sets importError and keeps the previous dataset', async () => {
    const session = await irisSession();
    await session.loadDataset(textChoice('empty.csv', ''));
    expect(session.importError).toBeTruthy();
    expect(session.importing).toBeNull();
    expect(session.dataset?.name).toBe('iris.csv');
  });

  it('chooseDataset loads what the host offers', async () => {
    const session = useSessionStore();
    await session.connect(host);
    host.nextChoice = irisChoice();
    await session.chooseDataset();
    expect(session.dataset?.name).toBe('iris.csv');
  });

  it('cancelImport stops a large import without reporting an error', async () => {
    const session = useSessionStore();
    await session.connect(host);
    const lines = ['a,b,c'];
    for (let i = 0; i < 300_000; i++) lines.push(`${i},${i % 7},x${i % 3}`);
    const loading = session.loadDataset(textChoice('big.csv', lines.join('\n')));
    expect(session.importing?.name).toBe('big.csv');
    await session.cancelImport();
    await loading;
    expect(session.importing).toBeNull();
    expect(session.importError).toBeNull();
    expect(session.dataset).toBeNull();
  });
});
