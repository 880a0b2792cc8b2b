import { createCheckpoint } from '../../../src/durable/index.js';

/** The document a kill-test writer saves after `n` steps: one result per step, big enough to span many writes. */
export function documentAfter(n: number) {
  return createCheckpoint(
    {
      workflowVersion: 'kill',
      completed: [
        ...Array.from({ length: n % 50 }, (_, i) => ({ path: `filler_${i}`, result: 'f'.repeat(300) as unknown })),
        { path: 'progress', result: { n, padding: `${n}:`.repeat(400) } },
      ],
      inProgress: { path: `s${n + 1}`, sensitive: false },
      userData: { n },
    },
    { now: () => n },
  );
}
