/**
 * The whole benchmark as one function: equal-work check first, then the five figures, returned
 * as a report (run.tsx prints and saves it; the test runs it at tiny sizes).
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Flavor } from './conversation.js';
import { type BatchResult, type BatchRunner, type CpuRun, type EqualWork, type PerFlavor, batch, cpuAndLatency, cpuOnly, equalWork } from './figures.js';
import { type Job, type JobResult, runJob } from './jobs.js';
import type { Sizes } from './sizes.js';
import { type Spread, ascending, percentile, spread } from './stats.js';
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
  /** `ratio`: JSX / plain of runs run back to back, paired, so load that drifts hits both alike. */
  cpu: PerFlavor<Spread> & { ratio: Spread; runs: PerFlavor<CpuRun[]> };
  /** Per-run p50/p99 spreads, and the percentiles of all runs' samples pooled (the headline). */
  stepChange: PerFlavor<{ p50: Spread; p99: Spread; samplesPerRun: number; pooled: { p50: number; p99: number; samples: number } }> & {
    addedP50: number;
    addedP99: number;
  };
  heapPerSession: PerFlavor<Spread> & { ratio: number; sessions: number };
  /** Figure 1 again with React's development build (what runs when NODE_ENV is not 'production'). */
  devCpu: PerFlavor<Spread> & { ratio: Spread; nodeEnv: string };
  retained: PerFlavor<{
    conversations: number;
    retainedBytes: number;
    slopeBytesPerConversation: number;
    sessionsAlive: number;
    roundGrowth: Spread;
    heapCheckpoints: number[];
  }>;
  scale: {
    steps: [number, number];
    turns: [number, number];
    /** CPU ms per conversation at each size. */
    cpu: PerFlavor<[Spread, Spread]>;
    /** CPU per user turn at the large size divided by the same at the small one: 1 is linear. */
    perTurnGrowth: PerFlavor<number>;
    /** JSX / plain CPU at each size, paired runs. */
    ratio: [Spread, Spread];
  };
  targets: Array<{ name: string; target: string; value: string; met: boolean }>;
  wallSeconds: number;
}

export interface BenchOptions {
  /** Run the heap figures and the development-build figure in forked processes (needs the tsx loader in execArgv). */
  isolate: boolean;
  log?: (line: string) => void;
}

/**
 * Flat: every closed session was collected, and the heap grows by at most this much per
 * conversation (0.5 MB over 2,000; one live session is ~900 KB, so a leaked session per
 * conversation would show 3,600× this). Heap readings after GC jitter by ~100–300 KB.
 */
export const FLAT_BYTES_PER_CONVERSATION = 256;

export async function runBench(sizes: Sizes, options: BenchOptions): Promise<Report> {
  const started = performance.now();
  const loadAtStart = os.loadavg();
  const log = (line: string) => options.log?.(`${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s  ${line}`);
  const surveySpec: WorkloadSpec = { kind: 'survey' };
  const smallSpec: WorkloadSpec = { kind: 'generated', steps: sizes.scaleSteps[0] };
  const largeSpec: WorkloadSpec = { kind: 'generated', steps: sizes.scaleSteps[1] };
  const [survey, small, large] = [workloadOf(surveySpec), workloadOf(smallSpec), workloadOf(largeSpec)];

  log('equal-work check');
  const checks = [await equalWork(survey), await equalWork(small), await equalWork(large)];
  const broken = checks.find((check) => !check.same);
  if (broken) throw new Error(`equal-work check failed for ${broken.workload}: ${broken.difference}`);

  log(`1-2. CPU and step-change latency: ${sizes.cpuRuns} runs × ${sizes.cpuConversations} conversations per flavor`);
  const cpuRuns = await withRunner(options.isolate, surveySpec, {}, (runner) => cpuAndLatency(runner, sizes.cpuRuns, sizes.cpuConversations, sizes.warmup));

  log(`5. ${sizes.scaleSteps[0]} vs ${sizes.scaleSteps[1]} steps: ${sizes.scaleRuns} runs × ${sizes.scaleConversations} conversations`);
  const smallCpu = await withRunner(options.isolate, smallSpec, {}, (runner) => cpuOnly(runner, sizes.scaleRuns, sizes.scaleConversations, sizes.warmup));
  const largeCpu = await withRunner(options.isolate, largeSpec, {}, (runner) => cpuOnly(runner, sizes.scaleRuns, sizes.scaleConversations, 2));

  log(`3. heap per live session: ${sizes.heapSessions} parked sessions × ${sizes.heapRuns} runs`);
  const [plainHeap, jsxHeap] = await runJobs(options.isolate, [
    { kind: 'perSession', flavor: 'plain', sessions: sizes.heapSessions, runs: sizes.heapRuns },
    { kind: 'perSession', flavor: 'jsx', sessions: sizes.heapSessions, runs: sizes.heapRuns },
  ]);
  log(`4. retained heap: ${sizes.leakRounds} rounds × ${sizes.leakPerRound} sequential conversations after ${sizes.leakWarmup}`);
  const [plainRetained, jsxRetained] = await runJobs(options.isolate, [
    { kind: 'retained', flavor: 'plain', rounds: sizes.leakRounds, perRound: sizes.leakPerRound, warmup: sizes.leakWarmup },
    { kind: 'retained', flavor: 'jsx', rounds: sizes.leakRounds, perRound: sizes.leakPerRound, warmup: sizes.leakWarmup },
  ]);
  log(`1b. CPU with React's development build: ${sizes.devCpuRuns} runs × ${sizes.devCpuConversations} conversations`);
  const devEnv = { NODE_ENV: 'development' };
  const devRuns = await withRunner(options.isolate, surveySpec, devEnv, (runner) =>
    cpuAndLatency(runner, sizes.devCpuRuns, sizes.devCpuConversations, sizes.warmup),
  );
  const dev = { runs: devRuns, nodeEnv: options.isolate ? devEnv.NODE_ENV : (process.env.NODE_ENV ?? '(unset)') };
  const devCpu = { plain: spread(dev.runs.plain.map((r) => r.cpuMs)), jsx: spread(dev.runs.jsx.map((r) => r.cpuMs)) };

  const cpu = { plain: spread(cpuRuns.plain.map((r) => r.cpuMs)), jsx: spread(cpuRuns.jsx.map((r) => r.cpuMs)) };
  const latency = (flavor: Flavor) => {
    const pooled = ascending(cpuRuns[flavor].flatMap((r) => r.stepChanges ?? []));
    for (const run of cpuRuns[flavor]) delete run.stepChanges;
    return {
      p50: spread(cpuRuns[flavor].map((r) => r.p50)),
      p99: spread(cpuRuns[flavor].map((r) => r.p99)),
      samplesPerRun: cpuRuns[flavor][0]?.samples ?? 0,
      pooled: { p50: percentile(pooled, 50), p99: percentile(pooled, 99), samples: pooled.length },
    };
  };
  const stepChange = { plain: latency('plain'), jsx: latency('jsx') };
  const heap = { plain: spread(bytesOf(plainHeap)), jsx: spread(bytesOf(jsxHeap)) };
  const retained = { plain: retainedOf(plainRetained), jsx: retainedOf(jsxRetained) };
  const turns: [number, number] = [small.script.turns.length, large.script.turns.length];
  const scaleCpu = {
    plain: [spread(smallCpu.plain), spread(largeCpu.plain)] as [Spread, Spread],
    jsx: [spread(smallCpu.jsx), spread(largeCpu.jsx)] as [Spread, Spread],
  };
  const growth = (flavor: Flavor) => scaleCpu[flavor][1].median / turns[1] / (scaleCpu[flavor][0].median / turns[0]);

  const report: Report = {
    date: new Date().toISOString(),
    machine: machine(),
    load: { start: loadAtStart, end: os.loadavg() },
    versions: versions(),
    nodeEnv: process.env.NODE_ENV ?? '(unset)',
    sizes,
    equalWork: checks,
    cpu: { ...cpu, ratio: paired(cpuRuns.plain.map((r) => r.cpuMs), cpuRuns.jsx.map((r) => r.cpuMs)), runs: cpuRuns },
    stepChange: {
      ...stepChange,
      addedP50: stepChange.jsx.pooled.p50 - stepChange.plain.pooled.p50,
      addedP99: stepChange.jsx.pooled.p99 - stepChange.plain.pooled.p99,
    },
    heapPerSession: { ...heap, ratio: heap.jsx.median / heap.plain.median, sessions: sizes.heapSessions },
    devCpu: { ...devCpu, ratio: paired(dev.runs.plain.map((r) => r.cpuMs), dev.runs.jsx.map((r) => r.cpuMs)), nodeEnv: dev.nodeEnv },
    retained,
    scale: {
      steps: sizes.scaleSteps,
      turns,
      cpu: scaleCpu,
      perTurnGrowth: { plain: growth('plain'), jsx: growth('jsx') },
      ratio: [paired(smallCpu.plain, smallCpu.jsx), paired(largeCpu.plain, largeCpu.jsx)],
    },
    targets: [],
    wallSeconds: 0,
  };
  report.targets = targets(report);
  report.wallSeconds = (performance.now() - started) / 1000;
  return report;
}

function targets(r: Report): Report['targets'] {
  const fixed = (n: number, digits = 2) => n.toFixed(digits);
  return [
    { name: 'CPU per conversation, JSX / plain', target: '≤ 1.05', value: fixed(r.cpu.ratio.median), met: r.cpu.ratio.median <= 1.05 },
    { name: 'Step-change latency added by JSX, p99 (pooled)', target: '< 1 ms', value: `${fixed(r.stepChange.addedP99, 3)} ms`, met: r.stepChange.addedP99 < 1 },
    { name: 'Heap per live session, JSX / plain', target: '≤ 1.10', value: fixed(r.heapPerSession.ratio), met: r.heapPerSession.ratio <= 1.1 },
    {
      name: `Heap slope over ${r.retained.jsx.conversations} sequential conversations (JSX)`,
      target: `flat (≤ ${FLAT_BYTES_PER_CONVERSATION} B per conversation)`,
      value:
        `${r.retained.jsx.slopeBytesPerConversation.toFixed(0)} B per conversation (plain: ${r.retained.plain.slopeBytesPerConversation.toFixed(0)}); ` +
        `sessions not collected: ${r.retained.jsx.sessionsAlive}`,
      met: r.retained.jsx.slopeBytesPerConversation <= FLAT_BYTES_PER_CONVERSATION && r.retained.jsx.sessionsAlive === 0,
    },
    {
      name: `CPU per turn, ${r.scale.steps[1]} vs ${r.scale.steps[0]} steps (JSX)`,
      target: `linear (≤ 1.5×, plain: ${fixed(r.scale.perTurnGrowth.plain)}×)`,
      value: `${fixed(r.scale.perTurnGrowth.jsx)}×`,
      met: r.scale.perTurnGrowth.jsx <= 1.5,
    },
  ];
}

/** JSX / plain of each pair of runs. */
function paired(plain: number[], jsx: number[]): Spread {
  return spread(plain.map((p, i) => jsx[i]! / p));
}

function bytesOf(result: JobResult | undefined): number[] {
  if (result?.kind !== 'perSession') throw new Error('expected a perSession result');
  return result.bytes;
}

function retainedOf(result: JobResult | undefined): Report['retained']['plain'] {
  if (result?.kind !== 'retained') throw new Error('expected a retained result');
  return {
    conversations: result.conversations,
    retainedBytes: result.retainedBytes,
    slopeBytesPerConversation: result.slopeBytesPerConversation,
    sessionsAlive: result.sessionsAlive,
    roundGrowth: spread(result.roundGrowth),
    heapCheckpoints: result.heapCheckpoints,
  };
}

/** Runs the jobs side by side, each in a fresh process, or one after the other in this one. */
async function runJobs(isolate: boolean, jobs: Job[]): Promise<JobResult[]> {
  if (!isolate) {
    const results: JobResult[] = [];
    for (const job of jobs) results.push(await runJob(job));
    return results;
  }
  const child = fileURLToPath(new URL('./child.ts', import.meta.url));
  return Promise.all(
    jobs.map(
      (job) =>
        new Promise<JobResult>((resolve, reject) => {
          const worker = fork(child, [JSON.stringify(job)], { execArgv: process.execArgv });
          let result: JobResult | undefined;
          worker.on('message', (message) => (result = message as JobResult));
          worker.on('error', reject);
          worker.on('exit', (code) => (result ? resolve(result) : reject(new Error(`job ${JSON.stringify(job)} exited with ${code}`))));
        }),
    ),
  );
}

/**
 * Calls `use` with a batch runner: one worker process per flavor (with `env` added), started
 * here and stopped after, or this very process when not isolating.
 */
async function withRunner<T>(isolate: boolean, spec: WorkloadSpec, env: Record<string, string>, use: (runner: BatchRunner) => Promise<T>): Promise<T> {
  if (!isolate) {
    const work = workloadOf(spec);
    return use((flavor, conversations) => batch(flavor, work, conversations));
  }
  const script = fileURLToPath(new URL('./cpu-worker.ts', import.meta.url));
  const workers = {
    plain: fork(script, [JSON.stringify({ flavor: 'plain', workload: spec })], { execArgv: process.execArgv, env: { ...process.env, ...env } }),
    jsx: fork(script, [JSON.stringify({ flavor: 'jsx', workload: spec })], { execArgv: process.execArgv, env: { ...process.env, ...env } }),
  };
  const runner: BatchRunner = (flavor, conversations) =>
    new Promise<BatchResult>((resolve, reject) => {
      const worker = workers[flavor];
      const onExit = (code: number | null) => reject(new Error(`${flavor} CPU worker exited with ${code}`));
      worker.once('exit', onExit);
      worker.once('message', (result) => {
        worker.off('exit', onExit);
        resolve(result as BatchResult);
      });
      worker.send({ conversations });
    });
  try {
    return await use(runner);
  } finally {
    for (const worker of Object.values(workers)) worker.disconnect();
  }
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
