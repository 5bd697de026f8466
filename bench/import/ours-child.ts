/**
 * Child process: our full import of a file (decode, parse, type inference,
 * Float32 columns, statistics). Prints one JSON line {rows, seconds, peakRssDelta};
 * memory is sampled on every progress event and from the process's max RSS.
 */
// tsx needs the extension to resolve a `.node.ts` adapter.
import { importCsvFile } from '../../core/data/source.node.ts';

const path = process.argv[2]!;
const baseline = process.memoryUsage().rss;
let peak = baseline;
const started = performance.now();
const { table } = await importCsvFile(path, {}, {
  onProgress: () => { peak = Math.max(peak, process.memoryUsage().rss); },
});
const seconds = (performance.now() - started) / 1000;
peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
console.log(JSON.stringify({ rows: table.rows, seconds, peakRssDelta: peak - baseline }));
