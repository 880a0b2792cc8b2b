/**
 * `npm run bench` (add `-- --quick`, or BENCH_QUICK=1, for a run of about a minute): what the JSX
 * layer costs next to hand-written LiveKit classes. Prints a markdown table and writes
 * bench/results.json (bench/results-quick.json for a quick run). `-- --report bench/results.json`
 * prints the table of a saved run again.
 *
 * Deployed agents run React's production build, so NODE_ENV defaults to 'production' here;
 * figure 1b measures the development build in a child process.
 */
import { readFileSync, writeFileSync } from 'node:fs';

// Before anything loads React: react and react-reconciler pick their build when first required.
process.env.NODE_ENV ??= 'production';
const { initializeLogger } = await import('@livekit/agents');
const { runBench } = await import('./bench.js');
const { markdown } = await import('./report.js');
const { FULL, QUICK } = await import('./sizes.js');

initializeLogger({ pretty: false, level: 'error' });

// `--report <file>` prints the table of a saved run without running anything.
const saved = process.argv.indexOf('--report');
if (saved > 0) {
  console.log(markdown(JSON.parse(readFileSync(process.argv[saved + 1]!, 'utf8'))));
  process.exit(0);
}

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
if (!(globalThis as { gc?: unknown }).gc) console.error('note: run with --expose-gc (npm run bench does) for exact heap figures');

const report = await runBench(quick ? QUICK : FULL, { isolate: true, log: (line) => console.error(`[bench] ${line}`) });
const file = new URL(quick ? './results-quick.json' : './results.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(markdown(report));
// Checkpoint costs per store (README "Durable workflows"), in a file of their own.
const { checkpointStepsFigures } = await import('./checkpoint-steps.js');
console.log(await checkpointStepsFigures({ quick, log: (line) => console.error(`[bench] ${line}`) }));
console.error(`[bench] wrote ${file.pathname}`);
// LiveKit leaves timers and workers behind; the report is written, so end here.
process.exit(0);
