/** Keeps bench/checkpoint.ts working at a tiny size; no time is asserted (the bench measures). */
import { expect, it } from 'vitest';
import { checkpointTable, runCheckpointBench } from '../../bench/checkpoint.js';
import { findRedisServer } from './redis-server.js';

it('measures every store and prints one row each', async () => {
  const figures = await runCheckpointBench(20);
  const stores = ["file, durability 'process'", "file, durability 'power'", ...(findRedisServer() ? ['redis, loopback'] : []), 'memory (codec and checks only)'];
  expect(figures.map((figure) => figure.store)).toEqual(stores);
  for (const figure of figures) {
    expect(figure.writes).toBe(20);
    expect(figure.p50Ms).toBeLessThanOrEqual(figure.p99Ms);
    expect(figure.p99Ms).toBeLessThanOrEqual(figure.maxMs);
  }
  expect(checkpointTable(figures).split('\n')).toHaveLength(2 + stores.length);
}, 60_000);
