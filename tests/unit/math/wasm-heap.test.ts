import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/math/rng';
import { WasmHeap, type GrowableMemory } from '../../../core/math/wasm-heap';

/** WasmHeap over real WebAssembly memories, plain and shared. */

const PAGE = 65536;
const ALIGN = 64;
/** Every block has at least this much slack after the bytes asked for. */
const SLACK = 64;

// (the tools program has no WebAssembly typings, hence the cast)
interface MemoryDescriptor { initial: number; maximum?: number; shared?: boolean }
const WasmMemory = (globalThis as unknown as { WebAssembly: { Memory: new (d: MemoryDescriptor) => GrowableMemory } }).WebAssembly.Memory;

const MEMORIES = [
  { kind: 'plain', make: (): GrowableMemory => new WasmMemory({ initial: 1 }) },
  { kind: 'shared', make: (): GrowableMemory => new WasmMemory({ initial: 1, maximum: 64, shared: true }) },
] as const;

/** The size alloc(bytes) reserves: bytes plus the slack, rounded up to the alignment. */
const blockSize = (bytes: number): number => Math.ceil((bytes + SLACK) / ALIGN) * ALIGN;

describe.each(MEMORIES)('WasmHeap on a $kind memory', ({ kind, make }) => {
  it('starts at the base rounded up to 64 bytes and hands out 64-byte aligned blocks', () => {
    for (const base of [1, 63, 64, 65, 1000]) {
      const heap = new WasmHeap(make(), base);
      const first = heap.alloc(10);
      expect(first).toBe(Math.ceil(base / ALIGN) * ALIGN);
      for (const bytes of [0, 1, 3, 63, 64, 65, 100, 4096, 5000]) {
        const off = heap.alloc(bytes);
        expect(off % ALIGN, `alloc(${bytes}) at ${off}`).toBe(0);
        expect(off).toBeGreaterThanOrEqual(base);
      }
    }
  });

  it('reserves the bytes asked for plus at least 64 bytes of slack (bytesInUse)', () => {
    const heap = new WasmHeap(make(), 128);
    expect(heap.bytesInUse).toBe(0);
    const a = heap.alloc(0), b = heap.alloc(1), c = heap.alloc(64), d = heap.alloc(100);
    expect([b - a, c - b, d - c]).toEqual([blockSize(0), blockSize(1), blockSize(64)]);
    expect([blockSize(0), blockSize(1), blockSize(64), blockSize(100)]).toEqual([64, 128, 128, 192]);
    expect(heap.bytesInUse).toBe(64 + 128 + 128 + 192);
    heap.release(b);
    expect(heap.bytesInUse).toBe(64 + 128 + 192);
    heap.release(a); heap.release(c); heap.release(d);
    expect(heap.bytesInUse).toBe(0);
  });

  it('never hands out overlapping blocks over random alloc/release sequences', () => {
    for (const seed of [1, 2, 3, 4]) {
      const rng = createRng(seed * 101 + (kind === 'shared' ? 7 : 0));
      const memory = make();
      const base = 1 + rng.int(300); // not 0: see the release(0) test
      const heap = new WasmHeap(memory, base);
      const live = new Map<number, number>(); // offset → bytes asked for
      for (let op = 0; op < 400; op++) {
        if (live.size > 0 && rng.next() < 0.45) {
          const offs = [...live.keys()];
          const off = offs[rng.int(offs.length)]!;
          heap.release(off);
          live.delete(off);
        } else {
          const bytes = rng.next() < 0.1 ? rng.int(40_000) : rng.int(700);
          const off = heap.alloc(bytes);
          expect(live.has(off), `offset ${off} handed out twice`).toBe(false);
          expect(off % ALIGN).toBe(0);
          expect(off).toBeGreaterThanOrEqual(base);
          // the block, its slack included, lies inside the memory
          expect(off + bytes + SLACK).toBeLessThanOrEqual(memory.buffer.byteLength);
          live.set(off, bytes);
        }
        // [off, off + bytes + slack) intervals are pairwise disjoint
        const spans = [...live].map(([off, bytes]) => [off, off + bytes + SLACK] as const).sort((p, q) => p[0] - q[0]);
        for (let i = 1; i < spans.length; i++) {
          expect(spans[i]![0], `block at ${spans[i]![0]} overlaps the one at ${spans[i - 1]![0]}`).toBeGreaterThanOrEqual(spans[i - 1]![1]);
        }
        expect(heap.bytesInUse).toBe([...live.values()].reduce((s, b) => s + blockSize(b), 0));
      }
      for (const off of live.keys()) heap.release(off);
      expect(heap.bytesInUse).toBe(0);
    }
  });

  it('a block written through floats() keeps its data while others are allocated, released and the memory grows', () => {
    const heap = new WasmHeap(make(), 64);
    const rng = createRng(kind === 'shared' ? 5 : 6);
    const live = new Map<number, Float32Array>();
    for (let op = 0; op < 200; op++) {
      if (live.size > 0 && rng.next() < 0.4) {
        const offs = [...live.keys()];
        const off = offs[rng.int(offs.length)]!;
        heap.release(off);
        live.delete(off);
      } else {
        const data = Float32Array.from({ length: 1 + rng.int(rng.next() < 0.1 ? 20_000 : 200) }, () => rng.normal());
        const off = heap.alloc(data.length * 4);
        heap.floats().set(data, off >> 2);
        live.set(off, data);
      }
    }
    const view = heap.floats();
    for (const [off, data] of live) expect(view.subarray(off >> 2, (off >> 2) + data.length)).toEqual(data);
  });

  it('merges released neighbours and reuses them without growing the memory', () => {
    const memory = make();
    const heap = new WasmHeap(memory, 64);
    const a = heap.alloc(1000), b = heap.alloc(2000), c = heap.alloc(3000), d = heap.alloc(10);
    const sizeA = b - a, sizeB = c - b, sizeC = d - c;
    const bytes = memory.buffer.byteLength;
    // b first (two free neighbours later), then both sides: all three become one block
    heap.release(b);
    heap.release(a);
    heap.release(c);
    expect(heap.bytesInUse).toBe(blockSize(10));
    // one request as large as the three merged blocks fits at a's offset
    const merged = heap.alloc(sizeA + sizeB + sizeC - SLACK);
    expect(merged).toBe(a);
    expect(memory.buffer.byteLength).toBe(bytes);
    // and it filled the hole exactly: the next block goes after d
    expect(heap.alloc(0)).toBeGreaterThan(d);
  });

  it('splits a larger free block: a smaller request takes its front, the rest stays free', () => {
    const heap = new WasmHeap(make(), 64);
    const a = heap.alloc(4000), guard = heap.alloc(0);
    heap.release(a);
    const x = heap.alloc(100);
    expect(x).toBe(a);
    const y = heap.alloc(200);
    expect(y).toBe(a + blockSize(100));
    expect(y + blockSize(200)).toBeLessThanOrEqual(guard);
    // a request that no longer fits in the remainder goes past the guard
    expect(heap.alloc(4000)).toBeGreaterThan(guard);
  });

  it('merges with the following free block when the preceding one is in use', () => {
    const heap = new WasmHeap(make(), 64);
    const a = heap.alloc(100), b = heap.alloc(100), c = heap.alloc(100), guard = heap.alloc(0);
    heap.release(c);
    heap.release(b); // merges forward with c
    expect(heap.alloc(2 * blockSize(100) - SLACK)).toBe(b);
    expect(heap.alloc(0)).toBeGreaterThan(guard);
    expect(a).toBe(64);
  });

  it('extends a free block at the top instead of leaving it behind when a larger block is wanted', () => {
    const memory = make();
    const heap = new WasmHeap(memory, 64);
    heap.alloc(100);
    const top = heap.alloc(1000);
    heap.release(top);
    const bigger = heap.alloc(5000);
    expect(bigger).toBe(top);
    expect(heap.alloc(0)).toBe(top + blockSize(5000));
  });

  it('grows the memory by whole pages only when no free block fits', () => {
    const memory = make();
    const heap = new WasmHeap(memory, 64);
    expect(memory.buffer.byteLength).toBe(PAGE);
    const small = heap.alloc(PAGE / 2);
    expect(memory.buffer.byteLength).toBe(PAGE);
    const big = heap.alloc(3 * PAGE);
    expect(big).toBe(small + blockSize(PAGE / 2));
    const grown = memory.buffer.byteLength;
    expect(grown % PAGE).toBe(0);
    expect(grown).toBe(Math.ceil((big + blockSize(3 * PAGE)) / PAGE) * PAGE);
    // freed and allocated again: no further growth
    heap.release(big);
    expect(heap.alloc(2 * PAGE)).toBe(big);
    expect(heap.alloc(PAGE / 2 - SLACK)).toBe(big + blockSize(2 * PAGE));
    expect(memory.buffer.byteLength).toBe(grown);
  });

  it('floats() is a view of the whole memory, taken anew after growth', () => {
    const memory = make();
    const heap = new WasmHeap(memory, 64);
    const before = heap.floats();
    expect(before.length * 4).toBe(memory.buffer.byteLength);
    expect(heap.floats()).toBe(before); // unchanged memory: the same view
    const off = heap.alloc(100);
    before[(off >> 2) + 3] = 42.5;
    const far = heap.alloc(5 * PAGE);
    const after = heap.floats();
    expect(after.length * 4).toBe(memory.buffer.byteLength);
    expect(after.length * 4).toBeGreaterThanOrEqual(far + 5 * PAGE + SLACK);
    expect(after[(off >> 2) + 3]).toBe(42.5); // data survives the growth
    after[(far >> 2) + 5 * PAGE / 4 - 1] = 7; // the last float of the new block is inside the view
    expect(new Float32Array(memory.buffer)[(far >> 2) + 5 * PAGE / 4 - 1]).toBe(7);
    if (kind === 'plain') expect(before.length).toBe(0); // the old view was detached by memory.grow
  });

  it('release of an offset that is not an allocated block throws; release(0) is ignored', () => {
    const heap = new WasmHeap(make(), 256);
    const a = heap.alloc(100);
    expect(() => heap.release(a + 64)).toThrow(new Error(`wasm heap: ${a + 64} is not an allocated block`));
    expect(() => heap.release(12345)).toThrow(new Error('wasm heap: 12345 is not an allocated block'));
    const inUse = heap.bytesInUse;
    heap.release(0);
    expect(heap.bytesInUse).toBe(inUse);
    heap.release(a);
    expect(() => heap.release(a)).toThrow(new Error(`wasm heap: ${a} is not an allocated block`)); // twice
    expect(heap.alloc(100)).toBe(a);
  });

  it('keeps a free block at the top when growing past the maximum fails, and never hands out offset 0', () => {
    const memory = new WasmMemory({ initial: 1, maximum: 2, ...(kind === 'shared' ? { shared: true } : {}) });
    const heap = new WasmHeap(memory, 0);
    const a = heap.alloc(100);
    expect(a).toBeGreaterThan(0);
    const b = heap.alloc(1000);
    heap.release(b); // free block at the top
    expect(() => heap.alloc(3 * PAGE)).toThrow();
    expect(heap.alloc(1000)).toBe(b);
  });
});
