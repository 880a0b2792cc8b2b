/** The heap figures, run in a process of their own (a fresh heap) or inline. */
import type { Flavor } from './conversation.js';
import { type Retained, heapPerSession, retainedHeap } from './figures.js';
import { surveyWorkload } from './workloads.js';

export type Job =
  | { kind: 'perSession'; flavor: Flavor; sessions: number; runs: number }
  | { kind: 'retained'; flavor: Flavor; rounds: number; perRound: number; warmup: number };

export type JobResult = { kind: 'perSession'; bytes: number[] } | ({ kind: 'retained' } & Retained);

export async function runJob(job: Job): Promise<JobResult> {
  const work = surveyWorkload();
  if (job.kind === 'perSession') {
    return { kind: 'perSession', bytes: await heapPerSession(job.flavor, work, job.sessions, job.runs) };
  }
  return { kind: 'retained', ...(await retainedHeap(job.flavor, work, job.rounds, job.perRound, job.warmup)) };
}
