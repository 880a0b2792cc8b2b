/**
 * What `npm run differential` and `npm run fuzz` do (cli.ts only parses their arguments): many
 * seeds or cases, then the failing ones with how to replay them.
 */
import fc from 'fast-check';
import pc from 'picocolors';
import { type DifferentialResult, closeBoth, differential } from './differential.js';
import { StuckError } from './driver.js';
import { type FuzzCase, checkFuzzCase, fuzzCaseArbitrary } from './fuzz.js';
import { scenarioForSeed } from './generate.js';
import { ALL_KNOWN, KNOWN_DIFFERENCES, type KnownDifference } from './known-differences.js';
import type { Scenario } from './spec.js';

export type Print = (line: string) => void;

export interface DifferentialRunOptions {
  seeds: number[];
  /** Take the shapes of the known differences too (they will show). */
  includeKnown?: boolean;
  /** Conversations side by side. */
  concurrency?: number;
  /** Full reports to print. */
  show?: number;
  /** The scenario of a seed; scenarioForSeed unless a test replaces it. */
  scenario?: (seed: number, avoid: readonly KnownDifference[]) => Scenario;
}

/** Runs the seeds and prints the ones that differ. Resolves with those seeds. */
export async function differentialRun(options: DifferentialRunOptions, print: Print): Promise<number[]> {
  const avoid = options.includeKnown ? [] : ALL_KNOWN;
  const scenarioOf = options.scenario ?? ((seed, avoid) => scenarioForSeed(seed, { closes: 'settled', likeLiveKit: true, avoid }));
  if (!options.includeKnown && ALL_KNOWN.length > 0) {
    print(pc.dim(`Avoiding the known differences (--include-known to take them):\n${ALL_KNOWN.map((name) => `  ${KNOWN_DIFFERENCES[name]!.description}`).join('\n')}`));
  }
  const failures: Array<{ seed: number; report: string }> = [];
  const closing: Promise<unknown>[] = [];
  const queue = [...options.seeds];
  // performance.now(): the differential check replaces Date.now while it runs.
  const started = performance.now();
  let done = 0;
  const worker = async () => {
    for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) {
      let result: DifferentialResult | undefined;
      try {
        result = await differential(scenarioOf(seed, avoid));
        closing.push(closeBoth(result));
        const report = [result.mismatch, result.modelMismatch].filter(Boolean).join('\n\n');
        if (report) failures.push({ seed, report });
      } catch (error) {
        failures.push({ seed, report: `seed ${seed}: ${error instanceof StuckError ? error.message : ((error as Error).stack ?? String(error))}` });
      }
      if (++done % 50 === 0) print(pc.dim(`${done}/${options.seeds.length} seeds, ${failures.length} differ, ${((performance.now() - started) / 1000).toFixed(0)} s`));
      // Sessions close slowly: bound how many close at once.
      if (closing.length >= 20) await Promise.all(closing.splice(0));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  await Promise.all(closing);
  failures.sort((a, b) => a.seed - b.seed);
  for (const { report } of failures.slice(0, options.show ?? 3)) print(`\n${report}`);
  const summary = `${options.seeds.length} seed(s): ${options.seeds.length - failures.length} agree, ${failures.length} differ`;
  if (failures.length === 0) {
    print(pc.green(`\n${summary}`));
  } else {
    print(pc.red(`\n${summary}: ${failures.map((failure) => failure.seed).join(', ')}`));
    print(pc.dim(`Replay one with: npm run differential -- --seed <n>${options.includeKnown ? ' --include-known' : ''}`));
  }
  return failures.map((failure) => failure.seed);
}

export interface FuzzRunOptions {
  runs: number;
  seed: number;
  /** A fast-check path to replay one case (with its seed). */
  path?: string;
  /** Shrink a failing case to a smaller one (slow: every case closes a session). */
  shrink?: boolean;
  /** The property; checkFuzzCase unless a test replaces it. */
  check?: (fuzzCase: FuzzCase) => Promise<void>;
}

/** Runs the cases and prints the first failure with its seed and path. Resolves with whether all passed. */
export async function fuzzRun(options: FuzzRunOptions, print: Print): Promise<boolean> {
  const check = options.check ?? ((fuzzCase: FuzzCase) => checkFuzzCase(fuzzCase));
  print(pc.dim(`fast-check seed ${options.seed}, ${options.runs} run(s)`));
  const started = performance.now();
  let ran = 0;
  const details = await fc.check(
    fc.asyncProperty(fuzzCaseArbitrary(), async (fuzzCase) => {
      await check(fuzzCase);
      if (++ran % 100 === 0) print(pc.dim(`${ran} cases, ${((performance.now() - started) / 1000).toFixed(0)} s`));
    }),
    { numRuns: options.runs, seed: options.seed, path: options.path, endOnFailure: !(options.shrink ?? true) },
  );
  if (!details.failed) {
    print(pc.green(`\n${details.numRuns} case(s) passed (seed ${options.seed}).`));
    return true;
  }
  print(pc.red(`\nFailed after ${details.numRuns} case(s) (${details.numShrinks} shrinks): seed ${details.seed}, path ${details.counterexamplePath}`));
  print(details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance));
  print(pc.dim(`Replay it with: npm run fuzz -- --seed ${details.seed} --path ${details.counterexamplePath} --runs 1`));
  return false;
}
