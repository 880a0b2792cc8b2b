/**
 * Long runs of the differential and fuzz tests, outside vitest:
 *
 *   npm run differential -- --seeds 500            seeds 1..500, prints the seeds that differ
 *   npm run differential -- --seed 35 --include-known   one seed, its full report
 *   npm run fuzz -- --runs 10000                   fresh random cases, prints the seed of a failure
 *   npm run fuzz -- --seed 123 --path 4:2 --runs 1 replays one (the path fast-check printed)
 */
import { initializeLogger } from '@livekit/agents';
import { Command, InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import pc from 'picocolors';
import { type DifferentialResult, closeBoth, differential } from './differential.js';
import { StuckError } from './driver.js';
import { checkFuzzCase, fuzzCaseArbitrary } from './fuzz.js';
import { scenarioForSeed } from './generate.js';
import { ALL_KNOWN, KNOWN_DIFFERENCES } from './known-differences.js';

initializeLogger({ pretty: false, level: 'fatal' });

const integer = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError('not an integer');
  return parsed;
};

const program = new Command('differential').description('Long runs of the differential and fuzz tests of react-agent-tasks.');

program
  .command('differential')
  .description('plain LiveKit classes against JSX on seeded conversations; prints the seeds that differ')
  .option('--seeds <n>', 'how many seeds', integer, 500)
  .option('--from <n>', 'first seed', integer, 1)
  .option('--seed <n>', 'run this one seed and print its full report', integer)
  .option('--include-known', "also take the shapes of the known differences (they will show)")
  .option('--concurrency <n>', 'conversations side by side', integer, 2)
  .option('--show <n>', 'full reports to print', integer, 3)
  .action(async (options: { seeds: number; from: number; seed?: number; includeKnown?: boolean; concurrency: number; show: number }) => {
    const avoid = options.includeKnown ? [] : ALL_KNOWN;
    const seeds = options.seed !== undefined ? [options.seed] : Array.from({ length: options.seeds }, (_, i) => options.from + i);
    if (!options.includeKnown) console.log(pc.dim(`Avoiding the known differences (--include-known to take them):\n${ALL_KNOWN.map((name) => `  ${KNOWN_DIFFERENCES[name].description}`).join('\n')}`));
    const failures: Array<{ seed: number; report: string }> = [];
    const closing: Promise<unknown>[] = [];
    let done = 0;
    const started = Date.now();
    const queue = [...seeds];
    const worker = async () => {
      for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) {
        let result: DifferentialResult | undefined;
        try {
          result = await differential(scenarioForSeed(seed, { closes: 'settled', avoid }));
          closing.push(closeBoth(result));
          const report = [result.mismatch, result.modelMismatch].filter(Boolean).join('\n\n');
          if (report) failures.push({ seed, report });
        } catch (error) {
          failures.push({ seed, report: `seed ${seed}: ${error instanceof StuckError ? error.message : ((error as Error).stack ?? String(error))}` });
        }
        if (++done % 50 === 0) console.log(pc.dim(`${done}/${seeds.length} seeds, ${failures.length} differ, ${((Date.now() - started) / 1000).toFixed(0)} s`));
        // Sessions close slowly: keep the number closing at once bounded.
        if (closing.length >= 20) await Promise.all(closing.splice(0));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    await Promise.all(closing);
    failures.sort((a, b) => a.seed - b.seed);
    const show = options.seed !== undefined ? failures.length : options.show;
    for (const { report } of failures.slice(0, show)) console.log(`\n${report}`);
    const summary = `${seeds.length} seed(s): ${seeds.length - failures.length} agree, ${failures.length} differ`;
    if (failures.length) {
      console.log(pc.red(`\n${summary}: ${failures.map((f) => f.seed).join(', ')}`));
      console.log(pc.dim(`Replay one with: npm run differential -- --seed <n>${options.includeKnown ? ' --include-known' : ''}`));
      process.exitCode = 1;
    } else {
      console.log(pc.green(`\n${summary}`));
    }
  });

program
  .command('fuzz')
  .description('random workflows and conversations on JSX against the reference model; prints the seed of a failure')
  .option('--runs <n>', 'how many cases', integer, 1000)
  .option('--seed <n>', 'fast-check seed (default: a fresh one)', integer)
  .option('--path <path>', 'replay the case at this fast-check path (with --seed)')
  .option('--no-shrink', 'report the first failing case as it is, without shrinking it')
  .action(async (options: { runs: number; seed?: number; path?: string; shrink: boolean }) => {
    const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
    console.log(pc.dim(`fast-check seed ${seed}, ${options.runs} run(s)`));
    let ran = 0;
    const started = Date.now();
    const details = await fc.check(
      fc.asyncProperty(fuzzCaseArbitrary(), async (fuzzCase) => {
        await checkFuzzCase(fuzzCase);
        if (++ran % 100 === 0) console.log(pc.dim(`${ran} cases, ${((Date.now() - started) / 1000).toFixed(0)} s`));
      }),
      { numRuns: options.runs, seed, path: options.path, endOnFailure: !options.shrink },
    );
    if (details.failed) {
      console.log(pc.red(`\nFailed after ${details.numRuns} case(s) (${details.numShrinks} shrinks): seed ${details.seed}, path ${details.counterexamplePath}`));
      console.log(String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance));
      console.log(pc.dim(`Replay it with: npm run fuzz -- --seed ${details.seed} --path ${details.counterexamplePath} --runs 1`));
      process.exitCode = 1;
    } else {
      console.log(pc.green(`\n${details.numRuns} case(s) passed (seed ${seed}).`));
    }
  });

process.on('unhandledRejection', (reason) => {
  console.error(pc.red('unhandled rejection outside a case:'), reason);
  process.exitCode = 1;
});

await program.parseAsync(process.argv);
// LiveKit keeps a few timers of its own after close (see leaks.ts); do not wait for them.
process.exit(process.exitCode ?? 0);
