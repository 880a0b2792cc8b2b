/**
 * The measurements. Each runs both implementations on the same workload and returns raw
 * per-run numbers; run.tsx turns them into medians, min/max and ratios.
 */
import { isDeepStrictEqual } from 'node:util';
import { Conversation, FLAVORS, type Flavor, type Outcome, type Workload, closeAll, converse, sessionsAlive } from './conversation.js';
import { ascending, collectUntil, cpuMs, percentile, settledHeap, slope } from './stats.js';

export type PerFlavor<T> = Record<Flavor, T>;

export interface EqualWork {
  workload: string;
  same: boolean;
  /** What differs, when it does. */
  difference?: string;
  toolCalls: number;
  taskResults: Record<string, unknown>;
}

/** Runs the workload once each way, recording tool calls, and compares results and tool calls. */
export async function equalWork(work: Workload): Promise<EqualWork> {
  const plain = await converse('plain', work, { recordToolCalls: true });
  const jsx = await converse('jsx', work, { recordToolCalls: true });
  let difference: string | undefined;
  if (!isDeepStrictEqual(plain.taskResults, jsx.taskResults)) {
    difference = `taskResults: plain ${JSON.stringify(plain.taskResults)} vs jsx ${JSON.stringify(jsx.taskResults)}`;
  } else if (!isDeepStrictEqual(plain.toolCalls, jsx.toolCalls)) {
    difference = `tool calls: plain ${JSON.stringify(plain.toolCalls)} vs jsx ${JSON.stringify(jsx.toolCalls)}`;
  }
  return { workload: work.script.name, same: difference === undefined, difference, toolCalls: plain.toolCalls.length, taskResults: plain.taskResults };
}

/**
 * One batch of conversations back to back: CPU per conversation (closing included) and every
 * step-change latency. The sessions close together at the end, so no closing session's teardown
 * lands inside a step change being timed. No GC is forced here: with a few forced full GCs
 * before each batch, both flavors cost ~20 ms more per conversation and JSX more than plain
 * (JSX / plain 1.13–1.16 against ~1.0–1.05 without) — not from bytecode flushing
 * (--no-flush-bytecode changed nothing); an agent's process never runs like that.
 */
export interface BatchResult {
  /** CPU milliseconds (user + system) per conversation, closing included. */
  cpuMs: number;
  /** Every step-change latency of the batch, ms. */
  stepChanges: number[];
}

/** Runs one batch of one flavor; where it runs (this process, a worker process) is its business. */
export type BatchRunner = (flavor: Flavor, conversations: number) => Promise<BatchResult>;

export async function batch(flavor: Flavor, work: Workload, conversations: number): Promise<BatchResult> {
  const closing: Array<() => Promise<void>> = [];
  const stepChanges: number[] = [];
  const before = cpuMs();
  for (let i = 0; i < conversations; i++) {
    const outcome: Outcome = await converse(flavor, work, { close: 'later', closing });
    stepChanges.push(...outcome.stepChanges);
  }
  await closeAll(closing);
  return { cpuMs: (cpuMs() - before) / conversations, stepChanges };
}

export interface CpuRun {
  /** CPU milliseconds (user + system) per conversation, closing included. */
  cpuMs: number;
  /** Step-change latency of this run, ms. */
  p50: number;
  p99: number;
  samples: number;
  /** The samples themselves, for pooled percentiles (dropped from results.json). */
  stepChanges?: number[];
}

/**
 * Figures 1 and 2: `runs` batches of `conversations` per flavor, the flavors alternating batch by
 * batch (and which goes first alternating too) so drift in the machine hits both alike. Give it
 * a runner with one process per flavor: run in one process, each flavor's batches come out
 * slower right after the other flavor's (shared JIT state), which is not how an agent runs.
 */
export async function cpuAndLatency(batchOf: BatchRunner, runs: number, conversations: number, warmup: number): Promise<PerFlavor<CpuRun[]>> {
  for (const flavor of FLAVORS) await batchOf(flavor, warmup);
  const result: PerFlavor<CpuRun[]> = { plain: [], jsx: [] };
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? FLAVORS : [...FLAVORS].reverse();
    for (const flavor of order) {
      const { cpuMs: cpu, stepChanges } = await batchOf(flavor, conversations);
      const sorted = ascending(stepChanges);
      result[flavor].push({ cpuMs: cpu, p50: percentile(sorted, 50), p99: percentile(sorted, 99), samples: sorted.length, stepChanges });
    }
  }
  return result;
}

/** The turn after which a session is parked: two thirds through the script, mid-workflow. */
export const parkAfter = (work: Workload): number => Math.ceil((work.script.turns.length * 2) / 3);

/**
 * Figure 3: bytes of heap per live session, with `sessions` sessions started and parked
 * mid-workflow at once. Measured `runs` times after one unmeasured run (compiled code and lazy
 * caches land there); all sessions close, and are collected, between runs.
 */
export async function heapPerSession(flavor: Flavor, work: Workload, sessions: number, runs: number): Promise<number[]> {
  const perSession: number[] = [];
  for (let run = 0; run <= runs; run++) {
    await collectUntil(() => sessionsAlive() === 0);
    const base = await settledHeap();
    const parked: Conversation[] = [];
    for (let i = 0; i < sessions; i++) {
      const conversation = new Conversation(flavor, work, false);
      await conversation.start();
      await conversation.play(parkAfter(work));
      parked.push(conversation);
    }
    const bytes = ((await settledHeap()) - base) / sessions;
    if (run > 0) perSession.push(bytes);
    await Promise.all(parked.map((conversation) => conversation.session.close()));
  }
  return perSession;
}

export interface Retained {
  conversations: number;
  /** Heap after GC minus the baseline after warm-up, bytes. */
  retainedBytes: number;
  /** Least-squares slope of the heap over the rounds, per conversation: a leak shows here. */
  slopeBytesPerConversation: number;
  /** Closed sessions the GC could not reclaim by the end (a leaked session shows here). */
  sessionsAlive: number;
  /** Heap growth of each round, bytes. */
  roundGrowth: number[];
  heapCheckpoints: number[];
}

/**
 * Figure 4: heap retained after `rounds × perRound` sequential conversations, after GC, counted
 * from a baseline taken after `warmup` conversations (compiled code and lazily built caches are
 * not a leak). Sessions close in the background; each round waits for its closes.
 */
export async function retainedHeap(flavor: Flavor, work: Workload, rounds: number, perRound: number, warmup: number): Promise<Retained> {
  const settle = async () => {
    // Every closed session must be collected first: LiveKit frees some only after its timers fire.
    await collectUntil(() => sessionsAlive() === 0);
    return settledHeap();
  };
  const warm: Promise<void>[] = [];
  for (let i = 0; i < warmup; i++) await converse(flavor, work, { close: 'background', closing: warm });
  await closeAll(warm);
  const checkpoints = [await settle()];
  for (let round = 0; round < rounds; round++) {
    const closing: Promise<void>[] = [];
    for (let i = 0; i < perRound; i++) await converse(flavor, work, { close: 'background', closing });
    await closeAll(closing);
    checkpoints.push(await settle());
  }
  const roundGrowth = checkpoints.slice(1).map((heap, i) => heap - checkpoints[i]!);
  return {
    conversations: rounds * perRound,
    retainedBytes: checkpoints[checkpoints.length - 1]! - checkpoints[0]!,
    slopeBytesPerConversation: slope(checkpoints) / perRound,
    sessionsAlive: sessionsAlive(),
    roundGrowth,
    heapCheckpoints: checkpoints,
  };
}

/** Figure 5: CPU per conversation of a generated workflow, `runs` batches per flavor. */
export async function cpuOnly(batchOf: BatchRunner, runs: number, conversations: number, warmup: number): Promise<PerFlavor<number[]>> {
  for (const flavor of FLAVORS) await batchOf(flavor, warmup);
  const result: PerFlavor<number[]> = { plain: [], jsx: [] };
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? FLAVORS : [...FLAVORS].reverse();
    for (const flavor of order) result[flavor].push((await batchOf(flavor, conversations)).cpuMs);
  }
  return result;
}
