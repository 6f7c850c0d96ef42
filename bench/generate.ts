/**
 * `npm run bench:data -- --size small|large [--out DIR]`: create the benchmark data set
 * (bench/lib/data.ts describes it). Default DIR: bench/data/<size> (gitignored).
 */
import { parseArgs } from 'node:util';
import { generateBenchData, isBenchSize } from './lib/data.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: 'small' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
if (values.help) {
  process.stdout.write('usage: npm run bench:data -- --size small|large [--out DIR]\n');
  process.exit(0);
}
const size = values.size ?? 'small';
if (!isBenchSize(size)) {
  process.stderr.write('--size: must be small or large\n');
  process.exit(2);
}
try {
  await generateBenchData({ size, ...(values.out ? { outDir: values.out } : {}) });
} catch (error) {
  process.stderr.write(`bench:data failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
