/**
 * `npm run bench`: what the JSX layer costs next to hand-written LiveKit classes. Prints markdown
 * tables and writes bench/results.json (bench/results-<sizes>.json for smaller sizes).
 *   -- --quick (or BENCH_QUICK=1)   smaller sizes, 1–2 minutes, wide intervals
 *   -- --tiny                       the test's sizes: checks that everything runs, measures nothing
 *   -- --cpu-pairs 160              more pairs for figures 1 and 1d (40 per worker pair), when the CPU verdict is undecided
 *   -- --report bench/results.json  print the tables of a saved run again
 *
 * Deployed agents run React's production build, so NODE_ENV defaults to 'production' here;
 * figure 1b measures the development build in a child process.
 */
import { readFileSync, writeFileSync } from 'node:fs';

// Before anything loads React: react and react-reconciler pick their build when first required.
process.env.NODE_ENV ??= 'production';
const { initializeLogger } = await import('@livekit/agents');
const { runBench, withoutSamples } = await import('./bench.js');
const { markdown } = await import('./report.js');
const { FULL, PAIRS_PER_WORKER_PAIR, QUICK, TINY } = await import('./sizes.js');

initializeLogger({ pretty: false, level: 'error' });

// `--report <file>` prints the table of a saved run without running anything.
const saved = process.argv.indexOf('--report');
if (saved > 0) {
  const report = JSON.parse(readFileSync(process.argv[saved + 1]!, 'utf8'));
  // Saves from before figure 1 was split by major GCs (no betweenMajorGcs) have no GC counts to split by.
  if (report.cpu?.betweenMajorGcs?.ratio?.low === undefined) {
    console.error(`${process.argv[saved + 1]} was saved by an older bench (before figure 1 was split by major GCs): run \`npm run bench\` again`);
    process.exit(1);
  }
  console.log(markdown(report));
  process.exit(0);
}

const base = process.argv.includes('--tiny') ? TINY : process.argv.includes('--quick') || process.env.BENCH_QUICK === '1' ? QUICK : FULL;
const pairsAt = process.argv.indexOf('--cpu-pairs');
const cpuPairs = pairsAt > 0 ? Number(process.argv[pairsAt + 1]) : base.cpuPairs;
if (!Number.isInteger(cpuPairs) || cpuPairs < 2) throw new Error(`--cpu-pairs needs a whole number ≥ 2, got ${process.argv[pairsAt + 1]}`);
const sizes = cpuPairs === base.cpuPairs ? base : { ...base, cpuPairs, cpuWorkerPairs: Math.ceil(cpuPairs / PAIRS_PER_WORKER_PAIR) };
if (!(globalThis as { gc?: unknown }).gc) console.error('note: run with --expose-gc (npm run bench does) for exact heap figures');

const report = await runBench(sizes, { isolate: true, log: (line) => console.error(`[bench] ${line}`) });
const file = new URL(sizes.label === 'full' ? './results.json' : `./results-${sizes.label}.json`, import.meta.url);
writeFileSync(file, `${JSON.stringify(withoutSamples(report), null, 2)}\n`);
console.log(markdown(report));
// Checkpoint costs per store (README "Durable workflows"), in a file of their own.
const { checkpointStepsFigures } = await import('./checkpoint-steps.js');
console.log(await checkpointStepsFigures({ label: sizes.label, log: (line) => console.error(`[bench] ${line}`) }));
console.error(`[bench] wrote ${file.pathname}`);
// LiveKit leaves timers and workers behind; the report is written, so end here.
process.exit(0);
