/**
 * Writes examples/penguins.csv from node_modules/vega-datasets/data/penguins.json.
 * Run from anywhere: `npx tsx examples/scripts/penguins-to-csv.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { penguinsJsonToCsv } from './penguins';

const source = fileURLToPath(new URL('../../node_modules/vega-datasets/data/penguins.json', import.meta.url));
const target = fileURLToPath(new URL('../penguins.csv', import.meta.url));

const csv = penguinsJsonToCsv(JSON.parse(readFileSync(source, 'utf8')));
writeFileSync(target, csv);
console.log(`wrote ${target}: ${csv.split('\n').length - 2} rows`);
