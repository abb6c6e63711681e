/**
 * `npm run bench:growth -- <smaller>.json <larger>.json`: two runs of `npm run bench` side by side, as the registry
 * grows (scale 10 beside the national registry, say): each query's throughput and one-client latency at both sizes,
 * and whether it stayed flat (the larger's throughput at least 1/1.5 of the smaller's). Writes
 * bench/results/<time>-growth.md. Not a test; no new measurement, only the two reports.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Cell, Report } from './report';

const ROOT = path.resolve(__dirname, '..');
/** Within this factor of the smaller registry's throughput, a query is "flat" (issue 21). */
const FLAT = 1.5;

const sizeOf = (r: Report) => `${r.national ? 'national scale' : 'scale'} ${r.scale}`;
const loadOf = (c: Cell | undefined) => c?.load;

export function growthTable(small: Report, large: Report): string[] {
  const lines = [
    `# Growth: ${sizeOf(small)} beside ${sizeOf(large)}`,
    '',
    `${small.startedAt} (${small.commit ?? 'commit unknown'}) and ${large.startedAt} (${large.commit ?? 'commit unknown'}); ` +
      `req/s at ${String(small.settings.connections)} connections (median of ${String(small.settings.rounds)} and ${String(large.settings.rounds)} round(s)), ` +
      `p50 with one client. Flat: the larger registry's throughput at least 1/${FLAT} of the smaller's.`,
    '',
    `| query | system | req/s ${sizeOf(small)} | req/s ${sizeOf(large)} | ratio | p50 ms ${sizeOf(small)} | p50 ms ${sizeOf(large)} | flat |`,
    '|---|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const cell of large.cells) {
    const before = loadOf(small.cells.find((c) => c.query === cell.query && c.system === cell.system));
    const after = loadOf(cell);
    if (!before || !after) continue;
    const ratio = after.loaded.requestsPerSecond / before.loaded.requestsPerSecond;
    lines.push(
      `| Q${cell.query} ${cell.title} | ${cell.system} | ${before.loaded.requestsPerSecond.toFixed(0)} | ${after.loaded.requestsPerSecond.toFixed(0)} | ${ratio.toFixed(2)}× | ` +
        `${before.oneClient.p50} | ${after.oneClient.p50} | ${ratio >= 1 / FLAT ? 'yes' : '**no**'} |`,
    );
  }
  return lines;
}

function main(): void {
  const [smallFile, largeFile] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!smallFile || !largeFile) throw new Error('usage: npm run bench:growth -- bench/results/<smaller>.json bench/results/<larger>.json');
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Report;
  const lines = growthTable(read(smallFile), read(largeFile));
  const file = path.join(ROOT, 'bench', 'results', `${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}-growth.md`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
  console.log(`results: ${path.relative(ROOT, file)}`);
}

if (require.main === module) main();
