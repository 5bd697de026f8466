/**
 * Converts vega-datasets' `data/penguins.json` (Palmer penguins) to the CSV
 * shipped as `examples/penguins.csv`. Pure: no file access, so the test can
 * check that the committed CSV is exactly what this produces.
 */

/** Source field (vega-datasets) → CSV column (palmerpenguins' names), in column order. */
export const PENGUIN_COLUMNS: readonly (readonly [source: string, column: string, type: 'string' | 'number'])[] = [
  ['Species', 'species', 'string'],
  ['Island', 'island', 'string'],
  ['Beak Length (mm)', 'bill_length_mm', 'number'],
  ['Beak Depth (mm)', 'bill_depth_mm', 'number'],
  ['Flipper Length (mm)', 'flipper_length_mm', 'number'],
  ['Body Mass (g)', 'body_mass_g', 'number'],
  ['Sex', 'sex', 'string'],
];

/**
 * The CSV text: a header of snake_case names, one row per penguin in source
 * order, `\n` line ends. Missing values (`null`) become empty cells and rows
 * with them are kept. `Sex` is lower-cased (`male`, `female`); its one `.`
 * (a placeholder in the raw LTER data, NA in palmerpenguins) is written empty.
 * Throws an Error naming the record and field when the JSON has another shape.
 */
export function penguinsJsonToCsv(records: unknown): string {
  if (!Array.isArray(records)) throw new Error(`penguins.json: expected an array of records, got ${typeof records}`);
  const lines = [PENGUIN_COLUMNS.map(([, column]) => column).join(',')];
  records.forEach((record: unknown, i) => {
    if (typeof record !== 'object' || record === null) {
      throw new Error(`penguins.json record ${i}: expected an object, got ${record === null ? 'null' : typeof record}`);
    }
    const cells = PENGUIN_COLUMNS.map(([source, column, type]) => {
      const value: unknown = (record as Record<string, unknown>)[source];
      if (value === null) return '';
      if (typeof value !== type) {
        throw new Error(`penguins.json record ${i}, field "${source}": expected ${type} or null, got ${JSON.stringify(value)}`);
      }
      const text = String(value);
      if (/[",\r\n]/.test(text)) {
        throw new Error(`penguins.json record ${i}, field "${source}": ${JSON.stringify(text)} would need CSV quoting`);
      }
      return column === 'sex' ? (text === '.' ? '' : text.toLowerCase()) : text;
    });
    lines.push(cells.join(','));
  });
  return lines.join('\n') + '\n';
}
