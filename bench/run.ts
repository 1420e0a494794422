// `npm run bench -- <name> [args]`: runs bench/<name>.bench.ts, prints a table, writes bench/results/<name>.json.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchUsageError } from './lib/args.ts';
import { type BenchReport, renderTable } from './lib/report.ts';

const dir = import.meta.dirname;
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>   (one of: ${available.join(', ') || 'none yet'})`);
  process.exit(2);
}

const mod = (await import(join(dir, `${name}.bench.ts`))) as { run(args: string[]): Promise<BenchReport> };
let report: BenchReport;
try {
  report = await mod.run(args);
} catch (err) {
  // Bad arguments: exit 2 with what was wrong; anything else: the message, exit 1.
  console.error(`bench ${name}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof BenchUsageError ? 2 : 1);
}
console.log(renderTable(report));
mkdirSync(join(dir, 'results'), { recursive: true });
const file = join(dir, 'results', `${name}.json`);
writeFileSync(file, `${JSON.stringify({ name, ...report, finishedAt: new Date().toISOString() }, null, 2)}\n`);
console.log(`\nfigures written to ${file}`);
process.exit(0);
