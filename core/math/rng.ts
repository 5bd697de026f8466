/**
 * A seeded pseudo-random generator (xoshiro128**), passed explicitly to
 * everything that needs randomness so runs are reproducible. Never use
 * Math.random in the studio.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Standard normal draw (mean 0, std 1), Box–Muller. */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Fisher–Yates shuffle in place. */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T;
  /** The internal state, to save and later restore (`createRng(state)`). */
  state(): RngState;
}

/** Four 32-bit words of xoshiro128** state. */
export type RngState = readonly [number, number, number, number];

/** splitmix32: spreads a small integer seed over a full 32-bit word. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a generator from an integer seed or from a saved state. */
export function createRng(seed: number | RngState): Rng {
  let a: number, b: number, c: number, d: number;
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    const sm = splitmix32(Math.trunc(seed));
    a = sm(); b = sm(); c = sm(); d = sm();
  } else {
    [a, b, c, d] = seed;
  }
  if ((a | b | c | d) === 0) d = 1; // the all-zero state is a fixed point

  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };

  const rng: Rng = {
    next: () => nextU32() / 4294967296,
    uniform: (lo, hi) => lo + (hi - lo) * (nextU32() / 4294967296),
    // One normal per call (the sine twin is dropped) so that `state()` alone
    // captures everything needed to resume the exact sequence.
    normal: () => {
      let u = 0;
      while (u === 0) u = nextU32() / 4294967296;
      const v = nextU32() / 4294967296;
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int: (n) => Math.floor((nextU32() / 4294967296) * n),
    shuffle: (arr) => {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor((nextU32() / 4294967296) * (i + 1));
        const t = arr[i]!; arr[i] = arr[j]!; arr[j] = t;
      }
      return arr;
    },
    state: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
