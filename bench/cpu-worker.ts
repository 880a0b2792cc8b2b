/**
 * One flavor's CPU batches in a process of its own (forked by bench.ts): the parent asks for a
 * batch, this process runs it and answers with the numbers. Keeping each implementation in its
 * own process keeps one's JIT state from taxing the other's batches.
 */
import { initializeLogger } from '@livekit/agents';
import type { Flavor } from './conversation.js';
import { batch } from './figures.js';
import { type WorkloadSpec, workloadOf } from './workloads.js';

initializeLogger({ pretty: false, level: 'error' });
const { flavor, workload } = JSON.parse(process.argv[2]!) as { flavor: Flavor; workload: WorkloadSpec };
const work = workloadOf(workload);
process.on('message', (message: { conversations: number }) => {
  batch(flavor, work, message.conversations).then(
    (result) => process.send!(result),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
