/**
 * Fork-join threads for large matrix products (and the optimizer step and
 * batch gather of large networks) on shared WebAssembly memory.
 *
 * Each helper thread (a Node worker thread or a Web Worker, started by the
 * host through `ThreadSpawner`) instantiates the same shared-memory module on
 * the same memory and then waits on its own control block in that memory:
 * the caller writes a product's arguments there, bumps the sequence number
 * and wakes it (Atomics.notify), computes its own part meanwhile, and waits
 * for the helper's "done". No messages cross per product, nothing is copied:
 * the operands are already in the shared memory.
 *
 * The caller sizes the parts by each thread's speed, learned from how long
 * the helpers' calls take (each helper times its own and reports it in its
 * control block; see `blocksFor` in wasm-kernels.ts): on a machine whose
 * cores are shared with other work, a helper running slowly gets a smaller
 * part and finishes with the caller instead of holding it up.
 *
 * Waiting spins briefly before sleeping (futex wake-ups cost tens of µs
 * against products of a few hundred µs). A part its helper has not picked up
 * by the time the caller is done with its own is taken back and computed by
 * the caller, so an unscheduled or dead helper costs a fork, never a wait.
 */
import type { WasmModule } from './wasm-kernels';

/** Starts one helper running `source` (see `HELPER_SOURCE`) with `data`; the host decides how. */
export type ThreadSpawner = (data: HelperData) => { terminate(): void };

export interface HelperData {
  module: WasmModule;
  memory: unknown;
  /** Byte offset of this helper's control block. */
  control: number;
  /** Byte offset of a block of `WARM_BYTES` the helper warms its kernel up on before it reports ready. */
  warm: number;
}

/**
 * Control block layout: int32 slots, then the call's arguments as float64
 * (exact for offsets, counts and float32 scalars) and its result.
 */
export const CTL = {
  SEQ: 0, QUIT: 1, OP: 2, DONE: 3, READY: 4, STARTED: 5,
  /** Byte offsets of the 16 float64 arguments, of the float64 result, and of how long the call took (ms, float64). */
  ARGS_AT: 64, RESULT_AT: 192, DURATION_AT: 200,
  /** Int32 slots per block (256 bytes: its own cache lines). */
  SIZE: 64,
} as const;

/** The exports a helper can run, by index (`OP`). */
export const HELPER_OPS = ['gemm', 'gemmSparseTA', 'sgdStep', 'momentumStep', 'rmspropStep', 'adamStep', 'gatherRows'] as const;
export type HelperOp = (typeof HELPER_OPS)[number];

/** The warm-up block: three 32×32 operands and 12 KiB of scratch (a packed panel, or gemmSparseTA's lists of 32 columns). */
export const WARM_BYTES = 6 * 32 * 32 * 4;
/** How long a thread runs its kernels on small operands before real work, so the runtime has optimized them. */
export const WARM_MS = 25;

const SPIN = 20000;
/** Sleeps are sliced so a lost wake-up can never hang the caller. */
const WAIT_SLICE_MS = 20;

/**
 * The helper's code, as source text so every host can start it the same way
 * (worker_threads with `eval`, or a Blob-URL Web Worker) without a bundler
 * step. It defines `serve(data)`, which never returns until told to quit.
 */
export const HELPER_SOURCE = `
function serve(data) {
  const instance = new WebAssembly.Instance(data.module, { env: { memory: data.memory, abort() { throw new Error('kernels.wasm aborted'); } } });
  const ops = ${JSON.stringify(HELPER_OPS)}.map((name) => instance.exports[name]);
  const gemm = instance.exports.gemm;
  const c = new Int32Array(data.memory.buffer, data.control, ${CTL.SIZE});
  const f = new Float64Array(data.memory.buffer, data.control + ${CTL.ARGS_AT}, 18);
  // Warm up: V8 runs wasm from a baseline compile first and optimizes hot functions in the background.
  const w = data.warm, n = 32, len = n * n * 4;
  // Every op it may be handed: the weights and moments here are scratch (whatever values they reach).
  const order = new Uint32Array(data.memory.buffer, w + 3 * len, n);
  const [sparse, sgd, momentum, rmsprop, adam, gather] = ${JSON.stringify(['gemmSparseTA', 'sgdStep', 'momentumStep', 'rmspropStep', 'adamStep', 'gatherRows'])}.map((name) => instance.exports[name]);
  for (const t0 = Date.now(); Date.now() - t0 < ${WARM_MS};) {
    for (let r = 0; r < 20; r++) {
      order.fill(r);
      gather(w, w + len, w + 3 * len, 0, n, n);
      gemm(w, n, 1, w + len, n, 1, w + 2 * len, n, n, n, n, w + 2 * len, n, w + 3 * len, 0);
      gemm(w, 1, n, w + len, n, 1, w + 2 * len, n, n, n, n - 3, 0, 0, w + 3 * len, 0);
      gemm(w, n, 1, w + len, 1, n, w + 2 * len, n, n - 1, n, n, 0, 0, w + 3 * len, 0);
      sparse(w, n, w + len, n, w + 2 * len, n, n, n, 0, n, w + 3 * len);
      sparse(w, n, w + len, n, w + 2 * len, n, n - 5, n, 1, n - 2, w + 3 * len);
      sgd(w + len, w + len, w, n * n, 1e-3);
      momentum(w + len, w + len, w, w + 2 * len, n * n, 1e-3, 0.9, r & 1);
      rmsprop(w + len, w + len, w, w + 2 * len, n * n, 1e-3, 0.9, 1e-7, 0.1);
      adam(w + len, w + len, w, w + 2 * len, w + 2 * len, n * n, 1e-3, 1, 1e-7, 0.9, 0.999, 1, 0.1, 0.001);
    }
  }
  let seen = Atomics.load(c, ${CTL.SEQ});
  Atomics.store(c, ${CTL.READY}, 1);
  Atomics.notify(c, ${CTL.READY});
  for (;;) {
    let spins = 0;
    while (Atomics.load(c, ${CTL.SEQ}) === seen) {
      if (++spins > ${SPIN}) Atomics.wait(c, ${CTL.SEQ}, seen);
    }
    seen = Atomics.load(c, ${CTL.SEQ});
    if (Atomics.load(c, ${CTL.QUIT}) !== 0) return;
    // Claim the call, unless the caller gave up waiting and took it.
    if (Atomics.compareExchange(c, ${CTL.STARTED}, (seen - 1) | 0, seen) !== ((seen - 1) | 0)) continue;
    const t0 = performance.now();
    f[16] = ops[c[${CTL.OP}]](f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13], f[14], f[15]) || 0;
    f[17] = performance.now() - t0;
    Atomics.store(c, ${CTL.DONE}, seen);
    Atomics.notify(c, ${CTL.DONE});
  }
}
`;


export class HelperThread {
  private readonly ctl: Int32Array;
  private readonly args: Float64Array;
  private seq = 0;
  private live = true;
  private readonly handle: { terminate(): void };

  constructor(spawn: ThreadSpawner, data: Omit<HelperData, 'control' | 'warm'>, control: number, warm: number, buffer: ArrayBufferLike) {
    this.ctl = new Int32Array(buffer, control, CTL.SIZE);
    this.ctl.fill(0);
    this.args = new Float64Array(buffer, control + CTL.ARGS_AT, 18);
    new Float32Array(buffer, warm, WARM_BYTES / 4).fill(0.5);
    this.handle = spawn({ ...data, control, warm });
  }

  /** Not stopped and not given up on. */
  get alive(): boolean {
    return this.live;
  }

  /** The helper has instantiated the module and is waiting for work. */
  get ready(): boolean {
    return this.live && Atomics.load(this.ctl, CTL.READY) === 1;
  }

  /** Hands the helper one call of export `op` (at most 16 arguments); `join` waits for it. */
  start(op: HelperOp, args: readonly number[]): void {
    this.ctl[CTL.OP] = HELPER_OPS.indexOf(op);
    for (let i = 0; i < args.length; i++) this.args[i] = args[i]!;
    this.seq = (this.seq + 1) | 0;
    Atomics.store(this.ctl, CTL.SEQ, this.seq);
    Atomics.notify(this.ctl, CTL.SEQ);
  }

  /** The return value of the call `join` last saw finish (0 for void exports). */
  get result(): number {
    return this.args[16]!;
  }

  /** How long that call took on the helper, in milliseconds (from its start there, not from `start`). */
  get duration(): number {
    return this.args[17]!;
  }

  /**
   * Called when the caller has finished its own part. If the helper has not
   * picked the call up yet (a thread the OS has not scheduled, or a helper
   * that stopped answering), the caller takes it back (compare-and-swap on
   * the claim, so a late helper skips it) and returns false: the caller
   * makes the call itself, and a split is never slower than one thread by
   * more than the fork. Otherwise waits for the helper and returns true.
   */
  join(): boolean {
    const seq = this.seq;
    if (Atomics.compareExchange(this.ctl, CTL.STARTED, (seq - 1) | 0, seq) === ((seq - 1) | 0)) return false;
    let spins = 0;
    for (;;) {
      // Read "done" once and wait on exactly that value: re-reading it for the
      // wait could miss the helper's store and sleep forever.
      const done = Atomics.load(this.ctl, CTL.DONE);
      if (done === seq) return true;
      if (++spins < SPIN) continue;
      try {
        Atomics.wait(this.ctl, CTL.DONE, done, WAIT_SLICE_MS);
      } catch {
        // a browser's main thread may not wait: keep spinning
      }
    }
  }

  stop(): void {
    if (!this.live && Atomics.load(this.ctl, CTL.QUIT) !== 0) return;
    this.live = false;
    Atomics.store(this.ctl, CTL.QUIT, 1);
    Atomics.store(this.ctl, CTL.SEQ, (this.seq + 1) | 0);
    Atomics.notify(this.ctl, CTL.SEQ);
    this.handle.terminate();
  }
}
