/**
 * The preview table's row cache: rows fetched from the engine in fixed blocks
 * (`BLOCK_ROWS`), the least recently used block dropped beyond `maxBlocks`,
 * so scrolling a million-row file keeps a few thousand rows in memory.
 */

/** Rows per fetched block (one `get-rows` request each). */
export const BLOCK_ROWS = 200;

export type Cell = string | number | null;

export class RowBlockCache {
  private readonly blocks = new Map<number, Cell[][]>();
  private readonly pending = new Set<number>();

  constructor(private readonly maxBlocks = 40) {}

  /** Row `row`'s cells, or undefined when its block is not cached. */
  row(row: number): Cell[] | undefined {
    const block = Math.floor(row / BLOCK_ROWS);
    const rows = this.blocks.get(block);
    if (!rows) return undefined;
    // Re-insert: Map order is the LRU order.
    this.blocks.delete(block);
    this.blocks.set(block, rows);
    return rows[row - block * BLOCK_ROWS];
  }

  /** Blocks covering rows [first, last] that are neither cached nor being fetched. */
  missing(first: number, last: number): number[] {
    const out: number[] = [];
    if (last < first) return out;
    for (let b = Math.floor(first / BLOCK_ROWS); b <= Math.floor(last / BLOCK_ROWS); b++) {
      if (!this.blocks.has(b) && !this.pending.has(b)) out.push(b);
    }
    return out;
  }

  /** Marks a block as being fetched. */
  start(block: number): void {
    this.pending.add(block);
  }

  /** Stores a fetched block (or forgets a failed one with `rows` undefined). */
  finish(block: number, rows: Cell[][] | undefined): void {
    this.pending.delete(block);
    if (!rows) return;
    this.blocks.set(block, rows);
    while (this.blocks.size > this.maxBlocks) {
      const oldest = this.blocks.keys().next().value as number;
      this.blocks.delete(oldest);
    }
  }

  get inFlight(): number {
    return this.pending.size;
  }

  get size(): number {
    return this.blocks.size;
  }

  clear(): void {
    this.blocks.clear();
    this.pending.clear();
  }
}
