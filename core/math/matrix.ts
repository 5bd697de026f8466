/**
 * A dense row-major matrix over a Float32Array with an explicit shape.
 * Element (r, c) lives at `data[r * cols + c]`.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/** A zero-filled `rows × cols` matrix. */
export function zeros(rows: number, cols: number): Matrix {
  assertShape(rows, cols);
  return { rows, cols, data: new Float32Array(rows * cols) };
}

/** Wraps existing storage as a matrix; `data.length` must equal `rows * cols`. */
export function matrixOf(rows: number, cols: number, data: Float32Array): Matrix {
  assertShape(rows, cols);
  if (data.length !== rows * cols) {
    throw new RangeError(`matrix ${rows}×${cols} needs ${rows * cols} values, got ${data.length}`);
  }
  return { rows, cols, data };
}

/** Builds a matrix from nested arrays (rows of equal length). */
export function fromRows(values: readonly (readonly number[])[]): Matrix {
  const rows = values.length;
  const cols = rows === 0 ? 0 : values[0]!.length;
  const m = zeros(rows, cols);
  values.forEach((row, r) => {
    if (row.length !== cols) throw new RangeError(`row ${r} has ${row.length} values, expected ${cols}`);
    m.data.set(row, r * cols);
  });
  return m;
}

/** The matrix as nested arrays (for display and tests). */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < m.rows; r++) out.push(Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
  return out;
}

/** A new matrix with the same shape and values. */
export function clone(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.slice() };
}

/** The transpose as a new matrix. */
export function transpose(m: Matrix): Matrix {
  const t = zeros(m.cols, m.rows);
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) t.data[c * m.rows + r] = m.data[r * m.cols + c]!;
  return t;
}

function assertShape(rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`matrix shape must be non-negative integers, got ${rows}×${cols}`);
  }
}
