/**
 * What checkpoints cost a call (README "Durable workflows"): the JSX survey of the main benchmark
 * (bench/jsx.tsx, same script and scripted model) run with `checkpoint: { store, key }` on each
 * store. Per store:
 * - the checkpoint write time per step change: from the start of a save (building the document)
 *   to the store's put resolving, which the engine awaits before the next task starts; p50 and
 *   p99 over every save of every conversation (`onSaved`);
 * - CPU per conversation with checkpoints on, over the same conversation without: batches of
 *   conversations alternate between "off" and each store in one process, in ABBA order (off
 *   first in even rounds, last in odd ones), and each ratio pairs a store's batch with the "off"
 *   batch next to it, so load that drifts, and whatever the first of two batches pays, hit both alike.
 * - the step change itself, from a task's `complete()` to the next task's onEnter (figure 2 of the
 *   main benchmark), p50 and p99 with checkpoints on each store and with none: what a save adds to
 *   the wait, where LiveKit's own work during an awaited put no longer counts twice.
 * Each conversation has its own key: it loads (nothing there), saves before each task and at the
 * group's end, and deletes its checkpoint when it finishes, as a real call does.
 *
 *   NODE_ENV=production npx tsx --conditions=source bench/checkpoint-steps.tsx [--conversations 20] [--rounds 8]
 *
 * `npm run bench` prints its table after the main one (bench/run.tsx calls checkpointStepsFigures).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { voice } from '@livekit/agents';
import { createClient } from 'redis';
import { type CheckpointOptions, createAgent } from 'react-agent-tasks';
import { type CheckpointStore, memoryCheckpointStore, openFileCheckpointStore, redisCheckpointStore } from 'react-agent-tasks/durable';
import { findRedisServer, startRedisServer } from '../test/durable/redis-server.js';
import type { Workload } from './conversation.js';
import { closeTestSession } from '../src/testing/close-test-session.js';
import { ascending, cpuMs, percentile } from './stats.js';
import { Tracker } from './tracker.js';
import { surveyWorkload } from './workloads.js';

export interface CheckpointStepsSizes {
  /** Conversations per batch. */
  conversations: number;
  /** Batches per store (each paired with an "off" batch). */
  rounds: number;
}

export const CHECKPOINT_STEPS_FULL: CheckpointStepsSizes = { conversations: 20, rounds: 8 };
export const CHECKPOINT_STEPS_QUICK: CheckpointStepsSizes = { conversations: 8, rounds: 3 };
/** Checks that it runs; measures nothing. */
export const CHECKPOINT_STEPS_TINY: CheckpointStepsSizes = { conversations: 1, rounds: 1 };

export interface CheckpointStepsFigure {
  store: string;
  saves: number;
  p50Ms: number;
  p99Ms: number;
  /** The p99 wanted, where one is set. */
  targetP99Ms?: number;
  /** CPU per conversation with checkpoints over without: median and range of the paired batches. */
  cpuRatio: { median: number; min: number; max: number };
  /** Step change (complete() → next onEnter), ms, with this store and with no checkpoints. */
  stepChange: { p50Ms: number; p99Ms: number; offP50Ms: number; offP99Ms: number };
}

const INSTRUCTIONS = 'You are a recruiter screening a candidate.';

/**
 * One survey conversation, checkpointed when `checkpoint` is given; its session is closed before
 * the next starts (as the main benchmark closes: without LiveKit's wait for a spoken turn), so no
 * closing session runs beside the next conversation's saves.
 */
async function converse(work: Workload, checkpoint: CheckpointOptions | undefined): Promise<number[]> {
  const tracker = new Tracker();
  const session = new voice.AgentSession({ llm: work.model, userData: {} });
  let settle!: { resolve(): void; reject(error: Error): void };
  const result = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const agent = createAgent(work.jsx(tracker), {
    instructions: INSTRUCTIONS,
    checkpoint,
    onEvent: (event) => {
      if (event.type === 'entered') tracker.entered(event.id);
      if (event.type === 'error') settle.reject(event.error);
    },
    onResult: () => settle.resolve(),
    onError: (error) => settle.reject(error),
  });
  try {
    await session.start({ agent });
    let entries = 1;
    for (const turn of work.script.turns) {
      await tracker.waitForEntry(entries, turn.task);
      try {
        await session.run({ userInput: turn.user }).wait();
      } catch (error) {
        if (!turn.goesBack) throw error;
      }
      if (turn.then) entries++;
    }
    await result;
    return tracker.stepChanges;
  } finally {
    await closeTestSession(session);
  }
}

interface Arm {
  name: string;
  store?: CheckpointStore;
  targetP99Ms?: number;
  saves: number[];
  cpu: number[];
  /** CPU of the "off" batch paired with each of `cpu`. */
  offCpu: number[];
  stepChanges: number[];
}

/** Runs the figures; Redis is measured when redis-server is installed (started on a free port, stopped after). */
export async function runCheckpointStepsBench(sizes: CheckpointStepsSizes, log: (line: string) => void = () => {}): Promise<CheckpointStepsFigure[]> {
  const folder = mkdtempSync(join(tmpdir(), 'rat-bench-steps-'));
  const binary = findRedisServer();
  const server = binary ? await startRedisServer(binary) : undefined;
  const client = server ? await createClient({ url: server.url }).connect() : undefined;
  if (!binary) log('redis-server not found: Redis not measured (apt-get install -y redis-server)');
  const arms: Arm[] = [
    { name: "file, durability 'process'", store: await openFileCheckpointStore({ directory: folder }), targetP99Ms: 2, saves: [], cpu: [], offCpu: [], stepChanges: [] },
    ...(client ? [{ name: 'redis, loopback', store: redisCheckpointStore({ client: client as never }), targetP99Ms: 5, saves: [], cpu: [], offCpu: [], stepChanges: [] }] : []),
    { name: 'memory (codec and checks only)', store: memoryCheckpointStore(), saves: [], cpu: [], offCpu: [], stepChanges: [] },
  ];
  const off: Arm = { name: 'off', saves: [], cpu: [], offCpu: [], stepChanges: [] };
  const work = surveyWorkload();
  let calls = 0;
  /** Runs a batch and returns its CPU per conversation, ms. */
  const batch = async (arm: Arm, record: boolean): Promise<number> => {
    const start = cpuMs();
    for (let i = 0; i < sizes.conversations; i++) {
      const checkpoint: CheckpointOptions | undefined = arm.store && {
        store: arm.store,
        key: `bench-call-${++calls}`,
        onSaved: ({ durationMs }) => void (record && arm.saves.push(durationMs)),
      };
      const stepChanges = await converse(work, checkpoint);
      if (record) arm.stepChanges.push(...stepChanges);
    }
    return (cpuMs() - start) / sizes.conversations;
  };
  try {
    log('warm-up');
    for (const arm of [off, ...arms]) await batch(arm, false);
    for (let round = 1; round <= sizes.rounds; round++) {
      log(`round ${round}/${sizes.rounds}`);
      for (const arm of arms) {
        const offFirst = round % 2 === 0;
        const before = offFirst ? await batch(off, true) : 0;
        arm.cpu.push(await batch(arm, true));
        arm.offCpu.push(offFirst ? before : await batch(off, true));
      }
    }
  } finally {
    for (const arm of arms) await arm.store!.close();
    client?.destroy();
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  return arms.map((arm) => {
    const saves = ascending(arm.saves);
    const ratios = ascending(arm.cpu.map((cpu, round) => cpu / arm.offCpu[round]!));
    const [steps, offSteps] = [ascending(arm.stepChanges), ascending(off.stepChanges)];
    return {
      store: arm.name,
      saves: saves.length,
      p50Ms: percentile(saves, 50),
      p99Ms: percentile(saves, 99),
      ...(arm.targetP99Ms !== undefined && { targetP99Ms: arm.targetP99Ms }),
      cpuRatio: { median: percentile(ratios, 50), min: ratios[0]!, max: ratios[ratios.length - 1]! },
      stepChange: { p50Ms: percentile(steps, 50), p99Ms: percentile(steps, 99), offP50Ms: percentile(offSteps, 50), offP99Ms: percentile(offSteps, 99) },
    };
  });
}

export function checkpointStepsTable(figures: CheckpointStepsFigure[]): string {
  const ms = (value: number) => value.toFixed(3);
  const rows = figures.map((figure) => {
    const target = figure.targetP99Ms === undefined ? '' : `≤ ${figure.targetP99Ms} ms: ${figure.p99Ms <= figure.targetP99Ms ? 'yes' : '**no**'}`;
    const { median, min, max } = figure.cpuRatio;
    const step = figure.stepChange;
    const change = `${ms(step.p50Ms)} / ${ms(step.p99Ms)} (off: ${ms(step.offP50Ms)} / ${ms(step.offP99Ms)})`;
    return `| ${figure.store} | ${figure.saves} | ${ms(figure.p50Ms)} | ${ms(figure.p99Ms)} | ${target} | ${change} | ${median.toFixed(2)} (${min.toFixed(2)}–${max.toFixed(2)}) |`;
  });
  return [
    '| Store | saves | write per step change p50, ms | p99, ms | p99 target | step change p50 / p99, ms | CPU per conversation, checkpoints on / off |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The table `npm run bench` prints after its main one, at the sizes of its run (`--quick`, `--tiny`). */
export async function checkpointStepsFigures({ label, log }: { label: 'full' | 'quick' | 'tiny'; log?: (line: string) => void }): Promise<string> {
  const sizes = { full: CHECKPOINT_STEPS_FULL, quick: CHECKPOINT_STEPS_QUICK, tiny: CHECKPOINT_STEPS_TINY }[label];
  const before = load();
  const figures = await runCheckpointStepsBench(sizes, (line) => log?.(`checkpoints: ${line}`));
  return [
    `\nCheckpoints (bench/checkpoint-steps.tsx; ${sizes.rounds} rounds × ${sizes.conversations} survey conversations per store):\n`,
    checkpointStepsTable(figures),
    // A p99 follows the machine's load: say what it was.
    `\nLoad average ${before} at start, ${load()} at end.`,
  ].join('\n');
}

function load(): string {
  return loadavg()
    .map((value) => value.toFixed(1))
    .join('/');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { initializeLogger } = await import('@livekit/agents');
  initializeLogger({ pretty: false, level: 'error' });
  const flag = (name: string, fallback: number) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const sizes = { conversations: flag('--conversations', CHECKPOINT_STEPS_FULL.conversations), rounds: flag('--rounds', CHECKPOINT_STEPS_FULL.rounds) };
  const before = load();
  console.log(checkpointStepsTable(await runCheckpointStepsBench(sizes, (line) => console.error(`[checkpoint steps] ${line}`))));
  console.log(`\nLoad average ${before} at start, ${load()} at end.`);
  process.exit(0);
}
