/** Keeps bench/checkpoint-steps.tsx working at a tiny size; no time is asserted (the bench measures). */
import { expect, it } from 'vitest';
import { checkpointStepsTable, runCheckpointStepsBench } from '../../bench/checkpoint-steps.js';
import { findRedisServer } from './redis-server.js';

it('checkpoints every step change of the survey on every store and prints one row each', async () => {
  const figures = await runCheckpointStepsBench({ conversations: 1, rounds: 1 });
  const stores = ["file, durability 'process'", ...(findRedisServer() ? ['redis, loopback'] : []), 'memory (codec and checks only)'];
  expect(figures.map((figure) => figure.store)).toEqual(stores);
  for (const figure of figures) {
    // Ten saves per conversation: before each of the nine task visits and at the group's end.
    expect(figure.saves).toBe(10);
    expect(figure.p50Ms).toBeLessThanOrEqual(figure.p99Ms);
    expect(figure.cpuRatio.min).toBeGreaterThan(0);
  }
  expect(checkpointStepsTable(figures).split('\n')).toHaveLength(2 + stores.length);
}, 60_000);
