/**
 * The measurements. Each returns raw per-run numbers; bench.ts pairs them and turns them into
 * ratios with intervals (intervals.ts).
 */
import { closeTestSession } from '../src/testing/close-test-session.js';
import { isDeepStrictEqual } from 'node:util';
import { Conversation, type Flavor, type Outcome, type Workload, closeAll, converse, sessionsAlive } from './conversation.js';
import { oldGenerationBytes, openGcWindow } from './gc.js';
import { collectUntil, cpuMs, settledHeap } from './stats.js';

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
  /** CPU milliseconds (user + system, all threads of the process) per conversation, closing included. */
  cpuMs: number;
  /** Every step-change latency of the batch, ms. */
  stepChanges: number[];
  /**
   * Major-GC entries (mark-compact or incremental marking, gc.ts) that started between the
   * batch's start and the end of its closes: above 0, `cpuMs` carries one ~250 ms collection.
   */
  majorGcs: number;
  /**
   * Old-generation growth (gc.ts `oldGenerationBytes`) per conversation over the same span as
   * `cpuMs`, bytes: what sets how often major GCs come. Meaningful only when `majorGcs` is 0
   * (a major GC shrinks the old generation).
   */
  oldGenBytes: number;
}

/**
 * `onPlayed` is called once the conversations are done and their sessions start closing: a
 * closing LiveKit session idles ~0.5 s (it waits for a final transcript that never comes
 * without STT), and the other flavor's process can play its batch meanwhile.
 */
export async function batch(flavor: Flavor, work: Workload, conversations: number, onPlayed?: () => void): Promise<BatchResult> {
  const closing: Array<() => Promise<void>> = [];
  const stepChanges: number[] = [];
  const gcs = openGcWindow();
  const oldGenBefore = oldGenerationBytes();
  const before = cpuMs();
  for (let i = 0; i < conversations; i++) {
    const outcome: Outcome = await converse(flavor, work, { close: 'later', closing });
    stepChanges.push(...outcome.stepChanges);
  }
  const closed = closeAll(closing);
  onPlayed?.();
  await closed;
  const cpu = cpuMs() - before;
  const oldGen = oldGenerationBytes() - oldGenBefore;
  return { cpuMs: cpu / conversations, stepChanges, majorGcs: await gcs.close(), oldGenBytes: oldGen / conversations };
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
    await Promise.all(parked.map((conversation) => closeTestSession(conversation.session)));
  }
  return perSession;
}

export interface Retained {
  conversations: number;
  perRound: number;
  /** Heap after GC minus the baseline after warm-up, bytes. */
  retainedBytes: number;
  /** Closed sessions the GC could not reclaim by the end (a leaked session shows here). */
  sessionsAlive: number;
  /** Heap after GC at the baseline and after each round, bytes: the slope is fitted to these. */
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
  return {
    conversations: rounds * perRound,
    perRound,
    retainedBytes: checkpoints[checkpoints.length - 1]! - checkpoints[0]!,
    sessionsAlive: sessionsAlive(),
    heapCheckpoints: checkpoints,
  };
}
