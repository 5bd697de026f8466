/**
 * Line numbers as a text editor shows them: every `\r\n`, `\n` or lone `\r`
 * ends a line, including those inside quoted fields, so a row's number points
 * at where it starts in the file whatever its line endings.
 */
export class LineCounter {
  /** 1-based line at which the next row starts. */
  line = 1;
  private input = '';
  private nextLf = -1;
  private nextCr = -1;

  /** Starts counting in a new input string, which begins where the last counted row ended. */
  reset(input: string): void {
    this.input = input;
    this.nextLf = -1;
    this.nextCr = -1;
  }

  /** Moves past the row spanning `[start, end)` of the current input. */
  advance(start: number, end: number): void {
    const input = this.input;
    let at = start;
    for (;;) {
      if (this.nextLf !== Infinity && this.nextLf < at) this.nextLf = findFrom(input, '\n', at);
      if (this.nextCr !== Infinity && this.nextCr < at) this.nextCr = findFrom(input, '\r', at);
      const next = Math.min(this.nextLf, this.nextCr);
      if (next >= end) return;
      this.line += 1;
      at = next === this.nextCr && input.charCodeAt(next + 1) === 10 ? next + 2 : next + 1;
    }
  }
}

/** Index of `char` at or after `from`, or Infinity: a cached Infinity is never searched again. */
function findFrom(input: string, char: string, from: number): number {
  const at = input.indexOf(char, from);
  return at < 0 ? Infinity : at;
}
