/**
 * One flavor's conversations under callgrind (started by instructions.ts, bundled first): a
 * warm-up, then measured batches, each between two markers at which callgrind dumps its counters.
 * os.getPriority() and os.setPriority() are the markers: they reach libuv's uv_os_getpriority
 * and uv_os_setpriority, which nothing else in the process calls (uv_get_constrained_memory,
 * say, is called by Node itself at start-up).
 */
import os from 'node:os';
import { initializeLogger } from '@livekit/agents';
import type { Flavor } from './conversation.js';
import { batch } from './figures.js';
import { type WorkloadSpec, workloadOf } from './workloads.js';

export interface InstructionsJob {
  flavor: Flavor;
  workload: WorkloadSpec;
  warmup: number;
  /** Measured batches, each between its own pair of markers. */
  windows: number;
  /** Conversations per measured batch. */
  conversations: number;
}

initializeLogger({ pretty: false, level: 'error' });
const job = JSON.parse(process.argv[2]!) as InstructionsJob;
const work = workloadOf(job.workload);
await batch(job.flavor, work, job.warmup);
for (let window = 0; window < job.windows; window++) {
  const priority = os.getPriority();
  await batch(job.flavor, work, job.conversations);
  os.setPriority(priority);
}
// LiveKit leaves timers behind; the counts are taken, so end here.
process.exit(0);
