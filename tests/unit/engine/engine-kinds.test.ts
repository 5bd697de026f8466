import { describe, expect, it } from 'vitest';
import type { ConfigureValue } from '../../../core/engine/protocol';
import { IRIS_PREP, IRIS_SOURCE, createHarness, valueOf } from './engine-harness';

describe('engine: column type overrides in configure-data', () => {
  it('a numeric input read as categories widens the input; the override survives a snapshot and restore', async () => {
    const h = createHarness();
    valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE }));
    const prep = { ...IRIS_PREP, kinds: { petal_width_cm: 'categorical' } };
    const configured = valueOf(await h.call({ type: 'configure-data', config: prep })) as ConfigureValue;
    const oneHot = configured.inputNames.filter((n) => n.startsWith('petal_width_cm='));
    expect(oneHot.length).toBeGreaterThan(10);
    expect(configured.inputs).toBe(3 + oneHot.length);

    const snapshot = valueOf(await h.call({ type: 'snapshot' }));
    const other = createHarness();
    valueOf(await other.call({ type: 'restore', snapshot }));
    const session = valueOf(await other.call({ type: 'get-session' })) as { prep: unknown; configured: ConfigureValue };
    expect(session.prep).toEqual(prep);
    expect(session.configured.inputs).toBe(configured.inputs);
  });

  it('a text target forced to numbers is refused with the column, row and value', async () => {
    const h = createHarness();
    valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE }));
    const reply = await h.call({ type: 'configure-data', config: { ...IRIS_PREP, task: 'regression', kinds: { species: 'numeric' } } });
    expect(reply.result).toEqual({
      ok: false,
      error: {
        code: 'not-numeric-column',
        message: 'Column "species" of "iris.csv" cannot be read as numbers: data row 1 holds "setosa", which is not a number. Keep the column categorical or set its role to ignore.',
      },
    });
  });
});
