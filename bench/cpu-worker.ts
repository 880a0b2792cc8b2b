/**
 * One flavor's CPU batches in a process of its own (forked by pairs.ts): the parent asks for a
 * batch, this process runs it, says when its conversations are played (the sessions are still
 * closing) and answers with the numbers once they are closed. Keeping each implementation in
 * its own process keeps one's JIT state from taxing the other's batches.
 */
import { initializeLogger } from '@livekit/agents';
import type { Flavor } from './conversation.js';
import { batch } from './figures.js';
import { type WorkloadSpec, workloadOf } from './workloads.js';

initializeLogger({ pretty: false, level: 'error' });
const { flavor, workload } = JSON.parse(process.argv[2]!) as { flavor: Flavor; workload: WorkloadSpec };
const work = workloadOf(workload);
process.on('message', (message: { conversations: number }) => {
  batch(flavor, work, message.conversations, () => process.send!({ type: 'played' })).then(
    (result) => process.send!({ type: 'result', result }),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
