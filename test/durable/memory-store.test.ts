import { describe, expect, it } from 'vitest';
import { checkpointStoreOver, memoryCheckpointStore } from '../../src/durable/index.js';
import { MemoryTextStore } from '../../src/durable/memory-store.js';
import { interviewCheckpoint } from '../../bench/checkpoint-document.js';
import { describeCheckpointStore } from './conformance.js';

describeCheckpointStore('memory', async (options) => {
  let now = 1_000_000;
  const text = new MemoryTextStore(() => now);
  const store = checkpointStoreOver(text, options);
  return {
    store,
    // Another handle on the same entries, as another part of the process would hold.
    openAnother: async () => checkpointStoreOver(text, options),
    elapse: async (ms) => void (now += ms),
    plant: async (key, raw) => text.plant(key, raw),
    close: () => store.close(),
  };
});

describe('memoryCheckpointStore', () => {
  it('drops expired checkpoints of abandoned calls that nobody reads again', async () => {
    let now = 0;
    const text = new MemoryTextStore(() => now);
    const store = checkpointStoreOver(text, { ttlMs: 1_000 });
    const document = interviewCheckpoint();
    for (let i = 0; i < 100; i++) await store.put(`abandoned-${i}`, document, { expectedRevision: 0 });
    now += 1_000;
    // Sweeps run once per as many writes as there are entries: 300 writes are past two of them.
    for (let i = 0; i < 300; i++) await store.put(`live-${i}`, document, { expectedRevision: 0 });
    expect(text.size).toBe(300);
  });

  it('is a working store with no options', async () => {
    const store = memoryCheckpointStore();
    expect(await store.put('k', interviewCheckpoint(), { expectedRevision: 0 })).toBe(1);
    expect((await store.get('k'))?.document).toEqual(interviewCheckpoint());
  });
});
