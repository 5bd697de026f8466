/**
 * The import benchmark's file: `rows` × `cols` numeric CSV written in chunks
 * (seeded, so every run parses the same bytes): standard-normal values with two
 * decimals, one column in exponent form; about 100 MB for 1,000,000 × 20.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createRng } from '../../core/math/rng';

export async function writeNumericCsv(path: string, rows: number, cols: number, seed = 1): Promise<number> {
  const rng = createRng(seed);
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string): Promise<void> => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(Array.from({ length: cols }, (_, j) => `feature_${j + 1}`).join(',') + '\n');
  let block: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let j = 0; j < cols; j++) {
      const v = rng.normal();
      cells.push(j === 6 ? (v * 1e-3).toExponential(2) : v.toFixed(2));
    }
    block.push(cells.join(','));
    if (block.length === 10_000) { await write(block.join('\n') + '\n'); block = []; }
  }
  if (block.length) await write(block.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
  return bytes;
}
