/**
 * A first-fit allocator over a WebAssembly memory, from `base` up: blocks are
 * byte offsets, 64-byte aligned, with 64 bytes of slack after each so vector
 * loads past a block's end stay inside it. Freed blocks merge with free
 * neighbours; the memory grows (in 64 KiB pages) only when no free block fits.
 *
 * Growing a non-shared memory detaches its old ArrayBuffer, so callers keep
 * offsets and take fresh views (`floats()`) after any allocation.
 */
export interface GrowableMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

const PAGE = 65536;
const ALIGN = 64;
const SLACK = 64;

interface Block { off: number; size: number }

export class WasmHeap {
  /** Free blocks, sorted by offset, never adjacent (merged). */
  private readonly free: Block[] = [];
  private readonly used = new Map<number, number>();
  private top: number;
  private f32: Float32Array;

  constructor(private readonly memory: GrowableMemory, base: number) {
    this.top = Math.max(ALIGN, Math.ceil(base / ALIGN) * ALIGN); // offset 0 means "no block"
    this.f32 = new Float32Array(memory.buffer);
  }

  /** Reserves at least `bytes` bytes; returns the block's byte offset. */
  alloc(bytes: number): number {
    const size = Math.ceil((Math.max(bytes, 0) + SLACK) / ALIGN) * ALIGN;
    for (let i = 0; i < this.free.length; i++) {
      const block = this.free[i]!;
      if (block.size < size) continue;
      const off = block.off;
      if (block.size === size) this.free.splice(i, 1);
      else { block.off += size; block.size -= size; }
      this.used.set(off, size);
      return off;
    }
    // Take the free block that ends at the top, if any, and extend it.
    const last = this.free[this.free.length - 1];
    const extend = last !== undefined && last.off + last.size === this.top;
    const off = extend ? last.off : this.top;
    const end = off + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE)); // may throw at the maximum: the free list is still whole
    if (extend) this.free.pop();
    this.top = Math.max(this.top, end);
    this.used.set(off, size);
    return off;
  }

  /** Returns a block from `alloc` (offset 0 is ignored). */
  release(off: number): void {
    if (off === 0) return;
    const size = this.used.get(off);
    if (size === undefined) throw new Error(`wasm heap: ${off} is not an allocated block`);
    this.used.delete(off);
    let i = 0;
    while (i < this.free.length && this.free[i]!.off < off) i++;
    const block: Block = { off, size };
    this.free.splice(i, 0, block);
    const next = this.free[i + 1];
    if (next && block.off + block.size === next.off) { block.size += next.size; this.free.splice(i + 1, 1); }
    const prev = this.free[i - 1];
    if (prev && prev.off + prev.size === block.off) { prev.size += block.size; this.free.splice(i, 1); }
  }

  /** Bytes in blocks handed out and not yet released. */
  get bytesInUse(): number {
    let sum = 0;
    for (const size of this.used.values()) sum += size;
    return sum;
  }

  /** A float view of the whole memory, current after any growth. */
  floats(): Float32Array {
    if (this.f32.buffer !== this.memory.buffer || this.f32.length * 4 !== this.memory.buffer.byteLength) {
      this.f32 = new Float32Array(this.memory.buffer);
    }
    return this.f32;
  }
}
