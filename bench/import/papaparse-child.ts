/**
 * Child process: papaparse's raw streaming parse of a file (no type
 * conversion, rows counted and dropped). Prints one JSON line
 * {rows, seconds, peakRssDelta}.
 */
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';

const path = process.argv[2]!;
const baseline = process.memoryUsage().rss;
const started = performance.now();
let rows = 0;
let peak = baseline;
Papa.parse(createReadStream(path), {
  chunk: (results: Papa.ParseResult<string[]>) => {
    rows += results.data.length;
    peak = Math.max(peak, process.memoryUsage().rss);
  },
  complete: () => {
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
    console.log(JSON.stringify({ rows: rows - 1, seconds, peakRssDelta: peak - baseline }));
  },
});
