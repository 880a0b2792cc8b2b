/** The heap figures, each run in a process of its own (a fresh heap) or inline. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

/**
 * Runs the jobs side by side, each in a fresh process (bench/child.ts), or one after the other
 * in this one. Side by side is fine for heap figures: bytes after GC do not depend on how busy
 * the machine is.
 */
export async function runJobs(isolate: boolean, jobs: Job[]): Promise<JobResult[]> {
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
