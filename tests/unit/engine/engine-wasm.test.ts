/**
 * The engine on the WebAssembly kernels: the prepared training rows are kept
 * pinned in wasm memory while they are the session's (so a run starts without
 * copying them), swapped when the data is reconfigured, released when the
 * session's data goes; and training there gives what the TypeScript engine gives.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '../../../core/engine/protocol';
import { loadNodeKernels } from '../../../core/math/wasm-kernels.node';
import { IRIS_PREP, IRIS_SOURCE, IRIS_TRAIN, createHarness, irisReady, valueOf } from './engine-harness';

const loaded = loadNodeKernels({ threads: 1 });
const kernels = loaded.kernels;
const heap = kernels.wasm!.heap;
afterAll(() => kernels.dispose?.());

/** Bytes of the pinned training rows of iris with `train` of its 150 rows: 4 inputs and 3 one-hot targets per row. */
const rowBytes = (trainRows: number): number => trainRows * (4 + 3) * 4;

describe('the engine on wasm kernels', () => {
  it('pins the prepared training rows when the data is configured, swaps them on reconfigure and releases them with the session', async () => {
    const h = createHarness({ kernels });
    const base = heap.bytesInUse;
    valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE }));
    expect(heap.bytesInUse).toBe(base);
    const configured = valueOf(await h.call({ type: 'configure-data', config: IRIS_PREP })) as { rows: { train: number } };
    const pinned = heap.bytesInUse - base;
    expect(pinned).toBeGreaterThanOrEqual(rowBytes(configured.rows.train));
    expect(pinned).toBeLessThan(rowBytes(configured.rows.train) + 1024); // alignment slack only: train rows, not all rows

    const smaller = valueOf(await h.call({ type: 'configure-data', config: { ...IRIS_PREP, split: { train: 0.5, validation: 0.25, test: 0.25, seed: 1 } } })) as { rows: { train: number } };
    expect(smaller.rows.train).toBeLessThan(configured.rows.train);
    expect(heap.bytesInUse - base).toBeGreaterThanOrEqual(rowBytes(smaller.rows.train));
    expect(heap.bytesInUse - base).toBeLessThan(pinned);

    valueOf(await h.call({ type: 'load-dataset', source: IRIS_SOURCE })); // a new session: no prepared data yet
    expect(heap.bytesInUse).toBe(base);
  });

  it('trains on the pinned rows as the TypeScript engine trains on its arrays, and keeps them pinned for the next run', async () => {
    const train = async (h: ReturnType<typeof createHarness>): Promise<EngineSnapshot> => {
      const finished = h.waitFor('train-finished');
      valueOf(await h.call({ type: 'train-start', config: { ...IRIS_TRAIN, epochs: 5 }, seed: 3 }));
      expect((await finished).reason).toBe('completed');
      return valueOf(await h.call({ type: 'snapshot' })) as EngineSnapshot;
    };
    const onWasm = createHarness({ kernels }), onTs = createHarness();
    await irisReady(onWasm);
    await irisReady(onTs);
    const [a, b] = [await train(onWasm), await train(onTs)];
    a.history.forEach((log, i) => {
      const want = b.history[i]!.train.loss!;
      expect(Math.abs(log.train.loss! - want), `epoch ${i + 1}`).toBeLessThanOrEqual(2e-4 * (1 + want));
    });
    // A second run on the same rows: nothing new is pinned, and the run releases its own memory
    // (the kernels' per-thread scratch, grown by the first run, stays).
    const base = heap.bytesInUse;
    const again = await train(onWasm);
    expect(heap.bytesInUse).toBe(base);
    // It continues from the trained weights.
    expect(again.history[0]!.train.loss!).toBeLessThan(a.history[0]!.train.loss!);
  });
});
