/**
 * Paired runs for the CPU figures: many short batches, plain and JSX one right after the other,
 * in ABBA order (plain, JSX | JSX, plain | plain, JSX …), so that load which comes and goes on a
 * shared machine hits both flavors of a pair alike and a linear drift cancels out. Each pair
 * gives one JSX / plain ratio; intervals.ts turns the ratios into an interval.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FLAVORS, type Flavor } from './conversation.js';
import { type BatchResult, type PerFlavor, batch } from './figures.js';
import { type WorkloadSpec, workloadOf } from './workloads.js';

/** A batch under way: `played` once its conversations are done (its sessions still closing). */
export interface BatchHandle {
  played: Promise<void>;
  result: Promise<BatchResult>;
}

/** Starts one batch of one flavor; where it runs (this process, a worker process) is its business. */
export type BatchRunner = (flavor: Flavor, conversations: number) => BatchHandle;

export interface Pair {
  /** Which flavor ran first. */
  first: Flavor;
  /** CPU ms per conversation of each flavor's batch. */
  cpuMs: PerFlavor<number>;
  /** Major-GC entries in each flavor's batch (figures.ts BatchResult). */
  majorGcs: PerFlavor<number>;
  /** Old-generation growth per conversation of each flavor's batch, bytes. */
  oldGenBytes: PerFlavor<number>;
  /** Step-change latencies of each flavor's batch, ms (dropped from results.json). */
  stepChanges?: PerFlavor<number[]>;
}

/**
 * `pairs` pairs of batches of `conversations` each, after one unmeasured batch of `warmup` per
 * flavor (none when `warmup` is 0); `firstPair` continues the alternating order across calls.
 * The second batch of a pair starts once the first has played its conversations: the
 * first's sessions then idle in LiveKit's close (~0.5 s) while the second plays, which halves
 * the run's wall time. With one process per flavor (withWorkerPair) each process still counts
 * only its own CPU; in one process (inProcessRunner) `played` waits for the closes too.
 */
export async function pairedBatches(start: BatchRunner, pairs: number, conversations: number, warmup: number, firstPair = 0): Promise<Pair[]> {
  if (warmup > 0) await Promise.all(FLAVORS.map((flavor) => start(flavor, warmup).result));
  const result: Pair[] = [];
  for (let pair = firstPair; pair < firstPair + pairs; pair++) {
    const order = pair % 2 === 0 ? FLAVORS : [...FLAVORS].reverse();
    const first = start(order[0]!, conversations);
    await first.played;
    const second = start(order[1]!, conversations);
    const [a, b] = await Promise.all([first.result, second.result]);
    const byFlavor = { [order[0]!]: a, [order[1]!]: b } as PerFlavor<BatchResult>;
    const each = <K extends keyof BatchResult>(key: K) => ({ plain: byFlavor.plain[key], jsx: byFlavor.jsx[key] });
    result.push({
      first: order[0]!,
      cpuMs: each('cpuMs'),
      majorGcs: each('majorGcs'),
      oldGenBytes: each('oldGenBytes'),
      stepChanges: each('stepChanges'),
    });
  }
  return result;
}

/** Both flavors in this process (the test's tiny run): each batch ends before the next starts. */
export function inProcessRunner(spec: WorkloadSpec): BatchRunner {
  const work = workloadOf(spec);
  return (flavor, conversations) => {
    const result = batch(flavor, work, conversations);
    return { played: result.then(() => undefined), result };
  };
}

type WorkerMessage = { type: 'played' } | { type: 'result'; result: BatchResult };

/**
 * Calls `use` with a runner backed by one worker process per flavor (bench/cpu-worker.ts, with
 * `env` added), stopped after. One process per flavor, because in one process each flavor's
 * batches come out slower right after the other flavor's (shared JIT and GC state), which is
 * not how an agent runs.
 */
export async function withWorkerPair<T>(spec: WorkloadSpec, env: Record<string, string>, use: (runner: BatchRunner) => Promise<T>): Promise<T> {
  const script = fileURLToPath(new URL('./cpu-worker.ts', import.meta.url));
  const spawn = (flavor: Flavor) =>
    fork(script, [JSON.stringify({ flavor, workload: spec })], { execArgv: process.execArgv, env: { ...process.env, ...env } });
  const workers: PerFlavor<ChildProcess> = { plain: spawn('plain'), jsx: spawn('jsx') };
  const runner: BatchRunner = (flavor, conversations) => {
    const worker = workers[flavor];
    let played!: () => void;
    const handle: BatchHandle = {
      played: new Promise<void>((resolve) => (played = resolve)),
      result: new Promise<BatchResult>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`${flavor} CPU worker exited with ${code}`));
        const onMessage = (message: WorkerMessage) => {
          if (message.type === 'played') return played();
          worker.off('message', onMessage);
          worker.off('exit', onExit);
          played();
          resolve(message.result);
        };
        worker.on('message', onMessage);
        worker.once('exit', onExit);
      }),
    };
    // A rejected result settles `played` too, so a pair never waits on a dead worker.
    handle.result.catch(() => played());
    worker.send({ conversations });
    return handle;
  };
  try {
    return await use(runner);
  } finally {
    for (const worker of Object.values(workers)) worker.disconnect();
  }
}
