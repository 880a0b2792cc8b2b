/** Figures that run in a process of their own (fresh heap, or another NODE_ENV), or inline. */
import type { Flavor } from './conversation.js';
import { type CpuRun, type PerFlavor, type Retained, cpuAndLatency, heapPerSession, retainedHeap } from './figures.js';
import { surveyWorkload } from './workloads.js';

export type Job =
  | { kind: 'perSession'; flavor: Flavor; sessions: number; runs: number }
  | { kind: 'retained'; flavor: Flavor; rounds: number; perRound: number; warmup: number }
  | { kind: 'cpu'; runs: number; conversations: number; warmup: number };

export type JobResult =
  | { kind: 'perSession'; bytes: number[] }
  | ({ kind: 'retained' } & Retained)
  | { kind: 'cpu'; nodeEnv: string; runs: PerFlavor<CpuRun[]> };

export async function runJob(job: Job): Promise<JobResult> {
  const work = surveyWorkload();
  switch (job.kind) {
    case 'perSession':
      return { kind: 'perSession', bytes: await heapPerSession(job.flavor, work, job.sessions, job.runs) };
    case 'retained':
      return { kind: 'retained', ...(await retainedHeap(job.flavor, work, job.rounds, job.perRound, job.warmup)) };
    case 'cpu':
      return { kind: 'cpu', nodeEnv: process.env.NODE_ENV ?? '(unset)', runs: await cpuAndLatency(work, job.runs, job.conversations, job.warmup) };
  }
}
