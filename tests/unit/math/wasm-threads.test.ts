/**
 * Products split over helper threads on shared wasm memory
 * (core/math/wasm-threads.ts via createWasmKernels' `spawn`): each part of C
 * is computed by the same kernel code as on one thread, so the split result
 * must equal the one-thread result bit for bit, whatever the layout. A helper
 * that stops answering must not lose or double a product.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kernels } from '../../../core/math/kernels';
import { createRng } from '../../../core/math/rng';
import { compileWasmModule, createSharedMemory, createWasmKernels, KERNEL_BUILDS } from '../../../core/math/wasm-kernels';
import { KERNELS_WASM_DIR, loadNodeKernels } from '../../../core/math/wasm-kernels.node';
import { CTL, HELPER_SOURCE, type ThreadSpawner } from '../../../core/math/wasm-threads';

const sharedModule = compileWasmModule(new Uint8Array(readFileSync(new URL(KERNEL_BUILDS.shared, KERNELS_WASM_DIR))));

const nodeSpawn = (source: string): ThreadSpawner => (data) => {
  const worker = new Worker(`${source}\nserve(require('node:worker_threads').workerData);`, { eval: true, workerData: data });
  worker.unref();
  return { terminate: () => void worker.terminate() };
};

async function whenThreads(k: Kernels, n: number): Promise<void> {
  for (let i = 0; i < 500 && k.wasm!.threads < n; i++) await new Promise((r) => setTimeout(r, 10));
  expect(k.wasm!.threads).toBe(n);
}

function randn(len: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: len }, () => rng.normal());
}

const one = loadNodeKernels({ threads: 1 }).kernels;
const split = createWasmKernels(sharedModule, { memory: createSharedMemory()!, spawn: nodeSpawn(HELPER_SOURCE), helpers: 2, parallelMacs: 1 });
afterAll(() => { one.dispose?.(); split.dispose?.(); });

type Shape = [m: number, k: number, n: number];
/** Tall (split by rows) and wide (split by columns), with every tile remainder, and deep products that take several k-blocks. */
const SHAPES: Shape[] = [[1, 1, 1], [3, 5, 7], [9, 4, 3], [4, 9, 17], [13, 7, 31], [31, 17, 29], [64, 300, 10], [5, 600, 130], [130, 33, 5], [100, 513, 40]];

describe('products split over three threads', () => {
  it('start once the helpers are ready', async () => {
    await whenThreads(split, 3);
  });

  for (const [m, k, n] of SHAPES) {
    it(`equal the one-thread result bit for bit: ${m}×${k}×${n}, all layouts, with bias and accumulation`, async () => {
      await whenThreads(split, 3);
      const a = randn(m * k, m), b = randn(k * n, n), bias = randn(n, k), start = randn(m * n, 3);
      const bHalfZero = b.map((v, i) => (i % 2 === 0 ? 0 : v));
      const calls: [string, (x: Kernels, c: Float32Array) => void][] = [
        ['matmul', (x, c) => x.matmul(a, b, c, m, k, n, false)],
        ['matmul +=', (x, c) => { c.set(start); x.matmul(a, b, c, m, k, n, true); }],
        ['matmulTA', (x, c) => x.matmulTA(a, b, c, m, k, n, false)],
        ['matmulTB', (x, c) => x.matmulTB(a, b, c, m, k, n, false)],
        ['matmulTASparseB (split by columns)', (x, c) => x.matmulTASparseB(a, bHalfZero, c, m, k, n, false, new Int32Array(k))],
        ['dense', (x, c) => x.dense(a, b, bias, c, m, k, n)],
      ];
      for (const [name, call] of calls) {
        const want = new Float32Array(m * n), got = new Float32Array(m * n);
        call(one, want);
        call(split, got);
        expect(Array.from(got), name).toEqual(Array.from(want));
      }
    });
  }
});

describe('back-to-back products', () => {
  it('never lose a wake-up: thousands of split products in a row finish, each one correct', async () => {
    await whenThreads(split, 3);
    // Sizes around the time the caller spins before sleeping (tens of µs), so
    // the helpers' "done" lands at every point of the caller's wait.
    const rng = createRng(12);
    const shapes = Array.from({ length: 16 }, (): Shape => [8 + Math.floor(rng.next() * 120), 8 + Math.floor(rng.next() * 200), 8 + Math.floor(rng.next() * 120)]);
    const cases = shapes.map(([m, k, n], i) => {
      const a = randn(m * k, i), b = randn(k * n, i + 100), want = new Float32Array(m * n);
      one.matmul(a, b, want, m, k, n, false);
      return { m, k, n, a, b, want, got: new Float32Array(m * n) };
    });
    for (let i = 0; i < 6000; i++) {
      const c = cases[i % cases.length]!;
      c.got.fill(NaN);
      split.matmul(c.a, c.b, c.got, c.m, c.k, c.n, false);
      if (c.got.some((v, j) => v !== c.want[j])) throw new Error(`product ${i} differs`);
    }
    expect(split.wasm!.threads).toBe(3);
  }, 120_000);
});

describe('blocks sized by speed', () => {
  it('cover the range in order, in whole units, one per thread at most; one block below the threshold', async () => {
    await whenThreads(split, 3);
    const res = split.wasm!;
    expect(res.speeds()).toHaveLength(3);
    for (const [total, unit] of [[1, 1], [2, 1], [3, 1], [7, 4], [128, 8], [130, 8], [784, 4], [100352, 16]] as const) {
      const blocks = res.blocksFor(total, unit, 1);
      expect(blocks.length).toBeLessThanOrEqual(3);
      expect(blocks.length).toBe(Math.min(3, Math.ceil(total / unit)));
      let at = 0;
      for (const [from, len] of blocks) {
        expect(from).toBe(at);
        expect(len).toBeGreaterThan(0);
        if (from + len < total) expect(len % unit).toBe(0);
        at += len;
      }
      expect(at).toBe(total);
    }
    const one = loadNodeKernels({ threads: 1 }).kernels;
    expect(one.wasm!.blocksFor(1000, 4, 1e9)).toEqual([[0, 1000]]);
    one.dispose?.();
  });

  it('give a helper that runs at a third of this thread\'s speed a smaller share, and still compute every product exactly', async () => {
    // The helper computes each call, then idles twice as long again before it reports done.
    const slowSource = HELPER_SOURCE.replace('f[17] = performance.now() - t0;', '{ const d = performance.now() - t0; while (performance.now() - t0 < 3 * d); f[17] = performance.now() - t0; }');
    expect(slowSource).not.toBe(HELPER_SOURCE);
    const slow = createWasmKernels(sharedModule, { memory: createSharedMemory()!, spawn: nodeSpawn(slowSource), helpers: 1, parallelMacs: 1 });
    try {
      await whenThreads(slow, 2);
      const [m, k, n] = [64, 300, 128];
      const a = randn(m * k, 5), b = randn(k * n, 6);
      const want = new Float32Array(m * n);
      one.matmul(a, b, want, m, k, n, false);
      const got = new Float32Array(m * n);
      for (let i = 0; i < 40; i++) {
        slow.matmul(a, b, got, m, k, n, false);
        expect(got.every((v, j) => v === want[j])).toBe(true);
      }
      const [own, helper] = slow.wasm!.speeds();
      expect(own).toBe(1);
      expect(helper).toBeLessThan(0.6);
      // Its block of the 128 columns (in 8-column panels) is about a quarter now, not half.
      const blocks = slow.wasm!.blocksFor(n, 8, m * k);
      expect(blocks[1]![1]).toBeLessThanOrEqual(48);
    } finally {
      slow.dispose?.();
    }
  });
});

describe('a helper that stops answering', () => {
  it('has its parts taken back at once: each computed here, once, and correctly, without waiting', async () => {
    // A helper that says it is ready and then never picks up work.
    const mute = `function serve(data) { const c = new Int32Array(data.memory.buffer, data.control, ${CTL.SIZE}); Atomics.store(c, ${CTL.READY}, 1); }`;
    const kernels = createWasmKernels(sharedModule, { memory: createSharedMemory()!, spawn: nodeSpawn(mute), helpers: 1, parallelMacs: 1 });
    try {
      await whenThreads(kernels, 2);
      const [m, k, n] = [37, 19, 23];
      const a = randn(m * k, 1), b = randn(k * n, 2), start = randn(m * n, 3);
      const want = start.slice(), got = start.slice();
      one.matmul(a, b, want, m, k, n, true);
      const t0 = performance.now();
      for (let i = 0; i < 100; i++) {
        got.set(start);
        kernels.matmul(a, b, got, m, k, n, true); // accumulating: a part done twice, or not at all, would show
        expect(Array.from(got)).toEqual(Array.from(want));
      }
      expect(performance.now() - t0).toBeLessThan(1000); // no waiting on the mute helper (a 20 ms wait each would be 2 s)
    } finally {
      kernels.dispose?.();
    }
  });

  it('stops its helpers on dispose', () => {
    const stopped: number[] = [];
    const spawn: ThreadSpawner = (data) => {
      const h = nodeSpawn(HELPER_SOURCE)(data);
      return { terminate: () => { stopped.push(data.control); h.terminate(); } };
    };
    const kernels = createWasmKernels(sharedModule, { memory: createSharedMemory()!, spawn, helpers: 2 });
    kernels.dispose?.();
    expect(stopped).toHaveLength(2);
    expect(kernels.wasm!.threads).toBe(1);
  });
});
