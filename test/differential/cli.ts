/**
 * Long runs of the differential and fuzz tests, outside vitest:
 *
 *   npm run differential -- --seeds 500                  seeds 1..500, prints the seeds that differ
 *   npm run differential -- --seed 35 --include-known    one seed, its full report
 *   npm run fuzz -- --runs 10000                         fresh random cases, prints the seed of a failure
 *   npm run fuzz -- --seed 123 --path 15 --runs 1        replays one (the path fast-check printed)
 */
import { initializeLogger } from '@livekit/agents';
import { Command, InvalidArgumentError } from 'commander';
import pc from 'picocolors';
import { differentialRun, fuzzRun } from './long-runs.js';

initializeLogger({ pretty: false, level: 'fatal' });

const integer = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError('not an integer');
  return parsed;
};
const print = (line: string) => console.log(line);

const program = new Command('differential').description('Long runs of the differential and fuzz tests of react-agent-tasks.');

program
  .command('differential')
  .description('plain LiveKit classes against JSX on seeded conversations; prints the seeds that differ')
  .option('--seeds <n>', 'how many seeds', integer, 500)
  .option('--from <n>', 'first seed', integer, 1)
  .option('--seed <n>', 'run this one seed and print its full report', integer)
  .option('--include-known', 'also take the shapes of the known differences (they will show)')
  .option('--concurrency <n>', 'conversations side by side', integer, 2)
  .option('--show <n>', 'full reports to print', integer, 3)
  .action(async (options: { seeds: number; from: number; seed?: number; includeKnown?: boolean; concurrency: number; show: number }) => {
    const one = options.seed !== undefined;
    const seeds = one ? [options.seed!] : Array.from({ length: options.seeds }, (_, i) => options.from + i);
    const failed = await differentialRun({ seeds, includeKnown: options.includeKnown, concurrency: options.concurrency, show: one ? 1 : options.show }, print);
    if (failed.length) process.exitCode = 1;
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
    const passed = await fuzzRun({ runs: options.runs, seed, path: options.path, shrink: options.shrink }, print);
    if (!passed) process.exitCode = 1;
  });

process.on('unhandledRejection', (reason) => {
  console.error(pc.red('unhandled rejection outside a case:'), reason);
  process.exitCode = 1;
});

await program.parseAsync(process.argv);
// LiveKit keeps a few short timers of its own after close (see leaks.ts): do not wait for them.
process.exit(process.exitCode ?? 0);
