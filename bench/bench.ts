/**
 * The whole benchmark as one function: equal-work check first, then the figures, returned as a
 * report (run.tsx prints and saves it; the test runs it at tiny sizes).
 *
 * Two phases. First the CPU figures, one batch at a time, since CPU time is what load on the
 * machine moves: many short pairs of batches (pairs.ts). Then the heap figures, which load
 * cannot move (bytes after GC), side by side, one process each.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import {
  type CpuFigure,
  type HeapFigure,
  type LatencyFigure,
  type RetainedFigure,
  type ScaleFigure,
  cpuFigure,
  heapFigure,
  latencyFigure,
  retainedFigure,
  scaleFigure,
} from './analysis.js';
import { type EqualWork, equalWork } from './figures.js';
import { type JobResult, runJobs } from './jobs.js';
import { type BatchRunner, type Pair, inProcessRunner, pairedBatches, withWorkerPair } from './pairs.js';
import type { Sizes } from './sizes.js';
import { type TargetRow, targets } from './targets.js';
import { type WorkloadSpec, workloadOf } from './workloads.js';

export interface Report {
  date: string;
  machine: { cpu: string; cores: number; node: string; os: string; memoryGB: number };
  /** os.loadavg() (1, 5, 15 min) at the start and the end: other work on the machine shows here. */
  load: { start: number[]; end: number[] };
  versions: Record<string, string>;
  /** NODE_ENV of the main figures: decides which React build runs. */
  nodeEnv: string;
  sizes: Sizes;
  equalWork: EqualWork[];
  /** Figures 1 and 1d (and the all-batches row): survey, production build. */
  cpu: CpuFigure;
  /**
   * Figure 1c: the first conversation of a fresh process (LiveKit runs each job in a process of
   * its own), where every function still runs cold. Read over all pairs (`allBatches`): a
   * fresh process often runs a major GC in its first conversation, so it belongs to the cold cost.
   */
  coldCpu: CpuFigure;
  /** Figure 1b: the same with React's development build. */
  devCpu: CpuFigure & { nodeEnv: string };
  /** Figure 2: from figure 1's batches. */
  stepChange: LatencyFigure;
  heapPerSession: HeapFigure;
  retained: RetainedFigure;
  scale: ScaleFigure;
  targets: TargetRow[];
  wallSeconds: number;
}

export interface BenchOptions {
  /** Run the figures in worker processes (needs the tsx loader in execArgv); off, all runs in this process. */
  isolate: boolean;
  log?: (line: string) => void;
}

export async function runBench(sizes: Sizes, options: BenchOptions): Promise<Report> {
  const started = performance.now();
  const loadAtStart = os.loadavg();
  const log = (line: string) => options.log?.(`${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s  ${line}`);
  const surveySpec: WorkloadSpec = { kind: 'survey' };
  const smallSpec: WorkloadSpec = { kind: 'generated', steps: sizes.scaleSteps[0] };
  const largeSpec: WorkloadSpec = { kind: 'generated', steps: sizes.scaleSteps[1] };
  const [survey, small, large] = [workloadOf(surveySpec), workloadOf(smallSpec), workloadOf(largeSpec)];
  const runner = <T>(spec: WorkloadSpec, env: Record<string, string>, use: (run: BatchRunner) => Promise<T>) =>
    options.isolate ? withWorkerPair(spec, env, use) : use(inProcessRunner(spec));

  log('equal-work check');
  const checks = [await equalWork(survey), await equalWork(small), await equalWork(large)];
  const broken = checks.find((check) => !check.same);
  if (broken) throw new Error(`equal-work check failed for ${broken.workload}: ${broken.difference}`);

  log(`1, 1d, 2. CPU, old-generation growth and step-change latency: ${sizes.cpuPairs} pairs × ${sizes.cpuConversations} conversations, over ${sizes.cpuWorkerPairs} worker pairs`);
  const cpuPairs: Pair[][] = [];
  const perWorkerPair = Math.ceil(sizes.cpuPairs / sizes.cpuWorkerPairs);
  for (let i = 0; i < sizes.cpuWorkerPairs; i++) {
    cpuPairs.push(await runner(surveySpec, {}, (run) => pairedBatches(run, perWorkerPair, sizes.cpuConversations, sizes.warmup)));
    log(`   worker pair ${i + 1} of ${sizes.cpuWorkerPairs} done`);
  }

  log(`1c. CPU of a fresh process's first conversation: ${sizes.coldPairs} pairs of fresh worker processes`);
  const coldPairs: Pair[][] = [];
  for (let i = 0; i < sizes.coldPairs; i++) coldPairs.push(await runner(surveySpec, {}, (run) => pairedBatches(run, 1, 1, 0, i)));

  log(`1b. CPU with React's development build: ${sizes.devCpuPairs} pairs × ${sizes.devCpuConversations} conversations`);
  const devEnv = { NODE_ENV: 'development' };
  const devPairs = await runner(surveySpec, devEnv, (run) => pairedBatches(run, sizes.devCpuPairs, sizes.devCpuConversations, sizes.warmup));

  log(`5. ${sizes.scaleSteps[0]} vs ${sizes.scaleSteps[1]} steps: ${sizes.scalePairs} pairs × ${sizes.scaleConversations} conversations`);
  const smallPairs = await runner(smallSpec, {}, (run) => pairedBatches(run, sizes.scalePairs, sizes.scaleConversations, sizes.warmup));
  const largePairs = await runner(largeSpec, {}, (run) => pairedBatches(run, sizes.scalePairs, sizes.scaleConversations, 2));

  log(
    `3, 4, side by side: heap per live session (${sizes.heapSessions} parked × ${sizes.heapRuns} runs), ` +
      `retained heap (${sizes.leakRounds} rounds × ${sizes.leakPerRound} after ${sizes.leakWarmup})`,
  );
  const [plainHeap, jsxHeap, plainRetained, jsxRetained] = await runJobs(options.isolate, [
    { kind: 'perSession', flavor: 'plain', sessions: sizes.heapSessions, runs: sizes.heapRuns },
    { kind: 'perSession', flavor: 'jsx', sessions: sizes.heapSessions, runs: sizes.heapRuns },
    { kind: 'retained', flavor: 'plain', rounds: sizes.leakRounds, perRound: sizes.leakPerRound, warmup: sizes.leakWarmup },
    { kind: 'retained', flavor: 'jsx', rounds: sizes.leakRounds, perRound: sizes.leakPerRound, warmup: sizes.leakWarmup },
  ]);
  const nodeEnv = process.env.NODE_ENV ?? '(unset)';

  const cpu = cpuFigure(cpuPairs);
  const report: Report = {
    date: new Date().toISOString(),
    machine: machine(),
    load: { start: loadAtStart, end: os.loadavg() },
    versions: versions(),
    nodeEnv,
    sizes,
    equalWork: checks,
    cpu,
    coldCpu: cpuFigure(coldPairs),
    devCpu: { ...cpuFigure([devPairs]), nodeEnv: options.isolate ? devEnv.NODE_ENV : nodeEnv },
    stepChange: latencyFigure(cpu.pairs),
    heapPerSession: heapFigure(bytesOf(plainHeap), bytesOf(jsxHeap), sizes.heapSessions),
    retained: retainedFigure(retainedOf(plainRetained), retainedOf(jsxRetained)),
    scale: scaleFigure(sizes.scaleSteps, [small.script.turns.length, large.script.turns.length], smallPairs, largePairs),
    targets: [],
    wallSeconds: 0,
  };
  report.targets = targets(report);
  report.wallSeconds = (performance.now() - started) / 1000;
  return report;
}

/** The report as saved: without the step-change samples (thousands of numbers). */
export function withoutSamples(report: Report): Report {
  const strip = (figure: CpuFigure) => ({ ...figure, pairs: figure.pairs.map(({ stepChanges: _, ...pair }) => pair) });
  return { ...report, cpu: strip(report.cpu), coldCpu: strip(report.coldCpu), devCpu: { ...strip(report.devCpu), nodeEnv: report.devCpu.nodeEnv } };
}

function bytesOf(result: JobResult | undefined): number[] {
  if (result?.kind !== 'perSession') throw new Error('expected a perSession result');
  return result.bytes;
}

function retainedOf(result: JobResult | undefined) {
  if (result?.kind !== 'retained') throw new Error('expected a retained result');
  const { kind: _, ...retained } = result;
  return retained;
}

function machine(): Report['machine'] {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
  };
}

function versions(): Record<string, string> {
  // Read from node_modules directly: @livekit/agents' exports map hides its package.json.
  const version = (name: string) =>
    (JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  return { '@livekit/agents': version('@livekit/agents'), react: version('react'), 'react-reconciler': version('react-reconciler') };
}
